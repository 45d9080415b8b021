export * from './classify-address.js';
export * from './create-guarded-fetch.js';
export * from './create-guarded-web-fetch.js';
export * from './guard-error.js';
export * from './outbound-guard.js';
