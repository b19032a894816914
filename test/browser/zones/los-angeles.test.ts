import { expectBrowserZone } from './expect-zone.ts';
import '../konbini-slip.test.ts';

expectBrowserZone('America/Los_Angeles');
