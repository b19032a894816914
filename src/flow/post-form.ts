/**
 * A hidden `<form method="post">` carrying a provider's fields (a 3-D Secure issuer's payload), built with
 * DOM calls only: each value goes into an input's `value`, never into markup. The caller appends it
 * where it belongs, submits it, and may remove it. `target` names a frame to post into.
 */
export function createPostForm(
  doc: Document,
  url: URL,
  fields: Readonly<Record<string, string>>,
  target?: string,
): HTMLFormElement {
  const form = doc.createElement('form');
  form.method = 'post';
  form.action = url.href;
  if (target !== undefined) form.target = target;
  form.hidden = true;
  for (const [name, value] of Object.entries(fields)) {
    const input = doc.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  return form;
}
