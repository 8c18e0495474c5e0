export * from './access.ts';
export * from './common.ts';
export * from './messages.ts';
export * from './org.ts';
export * from './permissions.ts';
export * from './platform.ts';
