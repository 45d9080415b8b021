export * from './classify-address.js';
export * from './guard-error.js';
