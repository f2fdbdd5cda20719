// The CLI's version: package.json's, bundled at build time (the one source for `parley --version` and the sidecars'
// appVersion).
import pkg from '../../package.json';

/** package.json's version ('0.0.0' if it has none). */
export const APP_VERSION: string = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
