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

/** QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED (a QUEUED run can also be CANCELLED). */
export type RunStatus = 'CANCELLED' | 'FAILED' | 'QUEUED' | 'RUNNING' | 'SUCCEEDED';

/** Hyperparameter overrides shared by train and trainAll; unset means config.yaml. */
export type TrainAllInput = {
  /** 1–4096. */
  batchSize?: number | null | undefined;
  /** 1–1000. */
  epochs?: number | null | undefined;
  /** MLflow experiment; default training.experiment_name. */
  experimentName?: string | null | undefined;
  /** > 0 and ≤ 1. */
  learningRate?: number | null | undefined;
  /** AUTO: fit every enabled family, backtest them, activate the best; or one family. */
  model?: ModelFamily | null | undefined;
  /** Days per input window, 7–365. */
  windowSize?: number | null | undefined;
};

/** Which categories to train, with optional overrides. */
export type TrainInput = {
  /** 1–4096. */
  batchSize?: number | null | undefined;
  /** Configured category names, at least one, no duplicates. */
  categories: Array<string>;
  /** 1–1000. */
  epochs?: number | null | undefined;
  /** MLflow experiment; default training.experiment_name. */
  experimentName?: string | null | undefined;
  /** > 0 and ≤ 1. */
  learningRate?: number | null | undefined;
  /** The family to train (CNN_LSTM by default), or AUTO for every enabled family. */
  model?: ModelFamily | null | undefined;
  /** Days per input window, 7–365. */
  windowSize?: number | null | undefined;
};

export type TrainingEventType = 'CANDIDATE_FINISHED' | 'CANDIDATE_STARTED' | 'EPOCH' | 'STATUS';

export type RunMetricsFieldsFragment = {
  rmse: number;
  mae: number;
  mase: number | null;
  naiveRmse: number;
  naiveMae: number;
  seasonalNaiveRmse: number;
  seasonalNaiveMae: number;
};

export type RunSummaryFragment = {
  id: string;
  category: string;
  status: Types.RunStatus;
  experimentName: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  totalEpochs: number;
  error: string | null;
  metrics: {
    rmse: number;
    mae: number;
    mase: number | null;
    naiveRmse: number;
    naiveMae: number;
    seasonalNaiveRmse: number;
    seasonalNaiveMae: number;
  } | null;
};

export type GetRunsQueryVariables = Exact<{
  category?: string | null | undefined;
  status?: Types.RunStatus | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;

export type GetRunsQuery = {
  runs: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      cursor: string;
      node: {
        id: string;
        category: string;
        status: Types.RunStatus;
        experimentName: string;
        createdAt: string;
        startedAt: string | null;
        finishedAt: string | null;
        totalEpochs: number;
        error: string | null;
        metrics: {
          rmse: number;
          mae: number;
          mase: number | null;
          naiveRmse: number;
          naiveMae: number;
          seasonalNaiveRmse: number;
          seasonalNaiveMae: number;
        } | null;
      };
    }>;
  };
};

export type GetActiveRunsQueryVariables = Exact<{ [key: string]: never }>;

export type GetActiveRunsQuery = {
  running: { edges: Array<{ node: { id: string } }> };
  queued: { edges: Array<{ node: { id: string } }> };
};

export type GetRunQueryVariables = Exact<{
  id: string | number;
}>;

export type GetRunQuery = {
  run: {
    hyperparameters: Record<string, unknown>;
    tfBackend: string | null;
    secondsPerEpoch: number | null;
    model: Types.ModelFamily;
    mlflowRunId: string | null;
    mlflowUrl: string | null;
    mlflowSync: string | null;
    id: string;
    category: string;
    status: Types.RunStatus;
    experimentName: string;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    totalEpochs: number;
    error: string | null;
    epochs: Array<{ epoch: number; trainLoss: number; valLoss: number; elapsedMs: number }>;
    modelVersion: {
      id: string;
      active: boolean;
      windowSize: number;
      tfBackend: string;
      createdAt: string;
      source: string;
      plotUrl: string | null;
      intervalCoverage: number | null;
      intervalValidationCoverage: number | null;
    } | null;
    candidates: Array<{
      id: string;
      family: Types.ModelFamily;
      champion: boolean;
      fitSeconds: number | null;
      fallback: string | null;
      backtest: { mae: number; mase: number | null; coverage: number | null } | null;
    }>;
    metrics: {
      rmse: number;
      mae: number;
      mase: number | null;
      naiveRmse: number;
      naiveMae: number;
      seasonalNaiveRmse: number;
      seasonalNaiveMae: number;
    } | null;
  } | null;
};

export type RunProgressSubscriptionVariables = Exact<{
  runId: string | number;
}>;

export type RunProgressSubscription = {
  trainingProgress: {
    runId: string;
    category: string;
    type: Types.TrainingEventType;
    status: Types.RunStatus;
    epoch: number | null;
    totalEpochs: number;
    trainLoss: number | null;
    valLoss: number | null;
    elapsedMs: number | null;
    error: string | null;
    family: Types.ModelFamily | null;
    modelVersionId: string | null;
    backtestMae: number | null;
    backtestMase: number | null;
    backtestCoverage: number | null;
    fitSeconds: number | null;
    fallback: string | null;
  };
};

export type TrainCategoriesMutationVariables = Exact<{
  input: Types.TrainInput;
}>;

export type TrainCategoriesMutation = {
  train: Array<{
    id: string;
    category: string;
    status: Types.RunStatus;
    experimentName: string;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    totalEpochs: number;
    error: string | null;
    metrics: {
      rmse: number;
      mae: number;
      mase: number | null;
      naiveRmse: number;
      naiveMae: number;
      seasonalNaiveRmse: number;
      seasonalNaiveMae: number;
    } | null;
  }>;
};

export type TrainAllCategoriesMutationVariables = Exact<{
  input?: Types.TrainAllInput | null | undefined;
}>;

export type TrainAllCategoriesMutation = {
  trainAll: Array<{
    id: string;
    category: string;
    status: Types.RunStatus;
    experimentName: string;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    totalEpochs: number;
    error: string | null;
    metrics: {
      rmse: number;
      mae: number;
      mase: number | null;
      naiveRmse: number;
      naiveMae: number;
      seasonalNaiveRmse: number;
      seasonalNaiveMae: number;
    } | null;
  }>;
};

export type CancelRunMutationVariables = Exact<{
  id: string | number;
}>;

export type CancelRunMutation = {
  cancelRun: { id: string; status: Types.RunStatus; finishedAt: string | null };
};

export const RunMetricsFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunMetricsFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'RunMetrics' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'rmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'mae' } },
          { kind: 'Field', name: { kind: 'Name', value: 'mase' } },
          { kind: 'Field', name: { kind: 'Name', value: 'naiveRmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'naiveMae' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seasonalNaiveRmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seasonalNaiveMae' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RunMetricsFieldsFragment, unknown>;
export const RunSummaryFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunSummary' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TrainingRun' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'category' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentName' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'totalEpochs' } },
          { kind: 'Field', name: { kind: 'Name', value: 'error' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'metrics' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunMetricsFields' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunMetricsFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'RunMetrics' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'rmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'mae' } },
          { kind: 'Field', name: { kind: 'Name', value: 'mase' } },
          { kind: 'Field', name: { kind: 'Name', value: 'naiveRmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'naiveMae' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seasonalNaiveRmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seasonalNaiveMae' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RunSummaryFragment, unknown>;
export const GetRunsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'GetRuns' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'category' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'status' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'RunStatus' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'runs' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'category' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'category' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'status' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'status' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'cursor' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunSummary' } },
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
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunMetricsFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'RunMetrics' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'rmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'mae' } },
          { kind: 'Field', name: { kind: 'Name', value: 'mase' } },
          { kind: 'Field', name: { kind: 'Name', value: 'naiveRmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'naiveMae' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seasonalNaiveRmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seasonalNaiveMae' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunSummary' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TrainingRun' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'category' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentName' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'totalEpochs' } },
          { kind: 'Field', name: { kind: 'Name', value: 'error' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'metrics' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunMetricsFields' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<GetRunsQuery, GetRunsQueryVariables>;
export const GetActiveRunsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'GetActiveRuns' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            alias: { kind: 'Name', value: 'running' },
            name: { kind: 'Name', value: 'runs' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'status' },
                value: { kind: 'EnumValue', value: 'RUNNING' },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'IntValue', value: '20' },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'Field',
            alias: { kind: 'Name', value: 'queued' },
            name: { kind: 'Name', value: 'runs' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'status' },
                value: { kind: 'EnumValue', value: 'QUEUED' },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'IntValue', value: '20' },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [{ kind: 'Field', name: { kind: 'Name', value: 'id' } }],
                        },
                      },
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
} as unknown as DocumentNode<GetActiveRunsQuery, GetActiveRunsQueryVariables>;
export const GetRunDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'GetRun' },
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
            name: { kind: 'Name', value: 'run' },
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
                { kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunSummary' } },
                { kind: 'Field', name: { kind: 'Name', value: 'hyperparameters' } },
                { kind: 'Field', name: { kind: 'Name', value: 'tfBackend' } },
                { kind: 'Field', name: { kind: 'Name', value: 'secondsPerEpoch' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'epochs' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'trainLoss' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'valLoss' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'elapsedMs' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'modelVersion' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'active' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'windowSize' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'tfBackend' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'source' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'plotUrl' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'intervalCoverage' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'intervalValidationCoverage' } },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'model' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'candidates' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'family' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'champion' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'fitSeconds' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'fallback' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'backtest' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'mae' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'mase' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'coverage' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                { kind: 'Field', name: { kind: 'Name', value: 'mlflowRunId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'mlflowUrl' } },
                { kind: 'Field', name: { kind: 'Name', value: 'mlflowSync' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunMetricsFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'RunMetrics' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'rmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'mae' } },
          { kind: 'Field', name: { kind: 'Name', value: 'mase' } },
          { kind: 'Field', name: { kind: 'Name', value: 'naiveRmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'naiveMae' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seasonalNaiveRmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seasonalNaiveMae' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunSummary' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TrainingRun' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'category' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentName' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'totalEpochs' } },
          { kind: 'Field', name: { kind: 'Name', value: 'error' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'metrics' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunMetricsFields' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<GetRunQuery, GetRunQueryVariables>;
export const RunProgressDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'RunProgress' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'runId' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'trainingProgress' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'runId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'runId' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'runId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'category' } },
                { kind: 'Field', name: { kind: 'Name', value: 'type' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
                { kind: 'Field', name: { kind: 'Name', value: 'totalEpochs' } },
                { kind: 'Field', name: { kind: 'Name', value: 'trainLoss' } },
                { kind: 'Field', name: { kind: 'Name', value: 'valLoss' } },
                { kind: 'Field', name: { kind: 'Name', value: 'elapsedMs' } },
                { kind: 'Field', name: { kind: 'Name', value: 'error' } },
                { kind: 'Field', name: { kind: 'Name', value: 'family' } },
                { kind: 'Field', name: { kind: 'Name', value: 'modelVersionId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'backtestMae' } },
                { kind: 'Field', name: { kind: 'Name', value: 'backtestMase' } },
                { kind: 'Field', name: { kind: 'Name', value: 'backtestCoverage' } },
                { kind: 'Field', name: { kind: 'Name', value: 'fitSeconds' } },
                { kind: 'Field', name: { kind: 'Name', value: 'fallback' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<RunProgressSubscription, RunProgressSubscriptionVariables>;
export const TrainCategoriesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'TrainCategories' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: {
            kind: 'NonNullType',
            type: { kind: 'NamedType', name: { kind: 'Name', value: 'TrainInput' } },
          },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'train' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunSummary' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunMetricsFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'RunMetrics' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'rmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'mae' } },
          { kind: 'Field', name: { kind: 'Name', value: 'mase' } },
          { kind: 'Field', name: { kind: 'Name', value: 'naiveRmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'naiveMae' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seasonalNaiveRmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seasonalNaiveMae' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunSummary' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TrainingRun' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'category' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentName' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'totalEpochs' } },
          { kind: 'Field', name: { kind: 'Name', value: 'error' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'metrics' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunMetricsFields' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TrainCategoriesMutation, TrainCategoriesMutationVariables>;
export const TrainAllCategoriesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'TrainAllCategories' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'TrainAllInput' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'trainAll' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'input' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunSummary' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunMetricsFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'RunMetrics' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'rmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'mae' } },
          { kind: 'Field', name: { kind: 'Name', value: 'mase' } },
          { kind: 'Field', name: { kind: 'Name', value: 'naiveRmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'naiveMae' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seasonalNaiveRmse' } },
          { kind: 'Field', name: { kind: 'Name', value: 'seasonalNaiveMae' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'RunSummary' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'TrainingRun' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'category' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'experimentName' } },
          { kind: 'Field', name: { kind: 'Name', value: 'createdAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'totalEpochs' } },
          { kind: 'Field', name: { kind: 'Name', value: 'error' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'metrics' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'RunMetricsFields' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<TrainAllCategoriesMutation, TrainAllCategoriesMutationVariables>;
export const CancelRunDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'CancelRun' },
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
            name: { kind: 'Name', value: 'cancelRun' },
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
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'finishedAt' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<CancelRunMutation, CancelRunMutationVariables>;
