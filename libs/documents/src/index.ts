export * from './document-views';
export * from './document-font';
export { printedTime, type RenderOptions } from './sheet';
export * from './renderers';
