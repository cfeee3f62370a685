export {};
throw new Error('this module fails while it is evaluated');
