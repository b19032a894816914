// A stand-in for a provider's own script (script-loader.test.ts): counts how often it ran.
window.providerScriptRuns = (window.providerScriptRuns || 0) + 1;
