export const somethingElse = { create: () => ({}) };
