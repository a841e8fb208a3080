// Generates the SDK's types and operation documents from the server's contract
// (../schema.graphql) and the SDK's own operations (operations/*.graphql). The output in
// src/generated/ is checked in; CI regenerates it and fails on any difference.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../schema.graphql',
  documents: ['operations/**/*.graphql'],
  ignoreNoDocuments: false,
  // Relative imports with `.js`, as ESM under NodeNext needs.
  emitLegacyCommonJSImports: false,
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // Writes persisted-documents.json (sha256 → document): the server's trusted documents.
        persistedDocuments: { hashAlgorithm: 'sha256' },
      },
      config: {
        // Documents as plain strings: no graphql-js at run time on the phone.
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string', NaiveDate: 'string' },
      },
    },
  },
};

export default config;
