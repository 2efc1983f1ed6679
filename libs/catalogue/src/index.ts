export * from './catalogue.types';
export * from './catalogue-seeds';
export * from './catalogue-import';
export * from './catalogue.service';
export * from './catalogue.module';
export * from './item-authority';
export * from './catalogue.repository';
