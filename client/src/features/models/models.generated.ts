/* eslint @typescript-eslint/no-unused-vars: "off" */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../types.generated.js';

import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** AUTO fits every enabled family (config models.enabled), backtests them and activates the best by mean MASE; the others fit one family. ARIMA needs the optional "arima" package. */
export type ModelFamily = 'ARIMA' | 'AUTO' | 'CNN_LSTM' | 'ETS' | 'MSTL' | 'PROPHET' | 'SEASONAL_NAIVE';

export type ModelVersionFieldsFragment = {
  id: string;
  category: string;
  runId: string;
  createdAt: string;
  active: boolean;
  family: Types.ModelFamily;
  champion: boolean;
  fitSeconds: number | null;
  fallback: string | null;
  source: string;
  backtest: {
    origins: number;
    horizon: number;
    mae: number;
    rmse: number;
    mase: number | null;
    smape: number | null;
    coverage: number | null;
    nominalCoverage: number;
    fallbacks: number;
    folds: Array<{
      startDate: string;
      dates: Array<string>;
      actual: Array<number>;
      predicted: Array<number>;
      lower: Array<number>;
      upper: Array<number>;
    }>;
  } | null;
};

export type GetModelVersionsQueryVariables = Exact<{
  category: string;
}>;

export type GetModelVersionsQuery = {
  modelVersions: Array<{
    id: string;
    category: string;
    runId: string;
    createdAt: string;
    active: boolean;
    family: Types.ModelFamily;
    champion: boolean;
    fitSeconds: number | null;
    fallback: string | null;
    source: string;
    backtest: {
      origins: number;
      horizon: number;
      mae: number;
      rmse: number;
      mase: number | null;
      smape: number | null;
      coverage: number | null;
      nominalCoverage: number;
      fallbacks: number;
      folds: Array<{
        startDate: string;
        dates: Array<string>;
        actual: Array<number>;
        predicted: Array<number>;
        lower: Array<number>;
        upper: Array<number>;
      }>;
    } | null;
  }>;
};

export type ActivateModelVersionMutationVariables = Exact<{
  id: string | number;
}>;

export type ActivateModelVersionMutation = { activateModelVersion: { id: string; active: boolean } };

export const ModelVersionFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ModelVersionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ModelVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'category' } },
          { kind: 'Field', name: { kind: 'Name', value: 'runId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'active' } },
          { kind: 'Field', name: { kind: 'Name', value: 'family' } },
          { kind: 'Field', name: { kind: 'Name', value: 'champion' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fitSeconds' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fallback' } },
          { kind: 'Field', name: { kind: 'Name', value: 'source' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'backtest' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'origins' } },
                { kind: 'Field', name: { kind: 'Name', value: 'horizon' } },
                { kind: 'Field', name: { kind: 'Name', value: 'mae' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rmse' } },
                { kind: 'Field', name: { kind: 'Name', value: 'mase' } },
                { kind: 'Field', name: { kind: 'Name', value: 'smape' } },
                { kind: 'Field', name: { kind: 'Name', value: 'coverage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'nominalCoverage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'fallbacks' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'folds' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'startDate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'dates' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'actual' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'predicted' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'lower' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'upper' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ModelVersionFieldsFragment, unknown>;
export const GetModelVersionsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'GetModelVersions' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'category' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'modelVersions' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'category' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'category' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ModelVersionFields' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ModelVersionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ModelVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'category' } },
          { kind: 'Field', name: { kind: 'Name', value: 'runId' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'active' } },
          { kind: 'Field', name: { kind: 'Name', value: 'family' } },
          { kind: 'Field', name: { kind: 'Name', value: 'champion' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fitSeconds' } },
          { kind: 'Field', name: { kind: 'Name', value: 'fallback' } },
          { kind: 'Field', name: { kind: 'Name', value: 'source' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'backtest' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'origins' } },
                { kind: 'Field', name: { kind: 'Name', value: 'horizon' } },
                { kind: 'Field', name: { kind: 'Name', value: 'mae' } },
                { kind: 'Field', name: { kind: 'Name', value: 'rmse' } },
                { kind: 'Field', name: { kind: 'Name', value: 'mase' } },
                { kind: 'Field', name: { kind: 'Name', value: 'smape' } },
                { kind: 'Field', name: { kind: 'Name', value: 'coverage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'nominalCoverage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'fallbacks' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'folds' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'startDate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'dates' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'actual' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'predicted' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'lower' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'upper' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<GetModelVersionsQuery, GetModelVersionsQueryVariables>;
export const ActivateModelVersionDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'ActivateModelVersion' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'activateModelVersion' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                { kind: 'Field', name: { kind: 'Name', value: 'active' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ActivateModelVersionMutation, ActivateModelVersionMutationVariables>;
