// The loopback receivers are runtime code (the demo runs on them); tests
// reach them through here.
export * from '../../../demo/receivers/index.js';
