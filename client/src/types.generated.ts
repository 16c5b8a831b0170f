/* eslint @typescript-eslint/no-unused-vars: "off" */
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string };
  String: { input: string; output: string };
  Boolean: { input: boolean; output: boolean };
  Int: { input: number; output: number };
  Float: { input: number; output: number };
  /** A calendar day, "YYYY-MM-DD". */
  Date: { input: string; output: string };
  /** An ISO 8601 date-time, e.g. "2026-11-26T23:28:42.000Z". */
  DateTime: { input: string; output: string };
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: Record<string, unknown> };
  /** The `Upload` scalar type represents a file upload. */
  Upload: { input: unknown; output: unknown };
};

/** Rolling-origin backtest: k origins over the end of the history, horizon H each. */
export type Backtest = {
  __typename?: 'Backtest';
  /** Leave-one-fold-out coverage of the nominal interval. */
  coverage: Maybe<Scalars['Float']['output']>;
  /** Folds whose forecast fell back to seasonal naive. */
  fallbacks: Scalars['Int']['output'];
  folds: Array<BacktestFold>;
  horizon: Scalars['Int']['output'];
  /** Mean of the folds. */
  mae: Scalars['Float']['output'];
  /** Mean fold MASE (Hyndman: in-sample seasonal scaling, m = 7); < 1 beats seasonal naive. */
  mase: Maybe<Scalars['Float']['output']>;
  /** Nominal interval coverage, e.g. 0.9. */
  nominalCoverage: Scalars['Float']['output'];
  origins: Scalars['Int']['output'];
  /** Over every forecast day of every fold. */
  rmse: Scalars['Float']['output'];
  smape: Maybe<Scalars['Float']['output']>;
};

/** One origin: the forecast of the next horizon days against what happened. */
export type BacktestFold = {
  __typename?: 'BacktestFold';
  actual: Array<Scalars['Float']['output']>;
  /** Share of actual days inside the interval. */
  coverage: Maybe<Scalars['Float']['output']>;
  dates: Array<Scalars['Date']['output']>;
  /** Why this fold fell back to seasonal naive. */
  fallback: Maybe<Scalars['String']['output']>;
  /** Interval calibrated on the other folds. */
  lower: Array<Scalars['Float']['output']>;
  mae: Scalars['Float']['output'];
  /** MAE / in-sample seasonal-naive MAE of the training days. */
  mase: Maybe<Scalars['Float']['output']>;
  predicted: Array<Scalars['Float']['output']>;
  rmse: Scalars['Float']['output'];
  /** Symmetric MAPE in percent (0–200). */
  smape: Maybe<Scalars['Float']['output']>;
  /** First forecast day (the origin is the day before). */
  startDate: Scalars['Date']['output'];
  upper: Array<Scalars['Float']['output']>;
};

/** A product category of the sales data. */
export type Category = {
  __typename?: 'Category';
  activeModel: Maybe<ModelVersion>;
  /** Days from the first to the last sale (gaps count as 0). */
  days: Scalars['Int']['output'];
  firstDate: Maybe<Scalars['Date']['output']>;
  lastDate: Maybe<Scalars['Date']['output']>;
  name: Scalars['String']['output'];
  /** Days of data newer than what the active model was trained on (null: no active model). */
  newDays: Maybe<Scalars['Int']['output']>;
  /** Total sales amount. */
  total: Scalars['Float']['output'];
  /** Last day of the data the active model was trained on. */
  trainedThrough: Maybe<Scalars['Date']['output']>;
};

/** A page of categories; cursors are opaque. */
export type CategoryConnection = {
  __typename?: 'CategoryConnection';
  edges: Array<CategoryEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type CategoryEdge = {
  __typename?: 'CategoryEdge';
  cursor: Scalars['String']['output'];
  node: Category;
};

/** Sort order; ties are broken by name. Categories without sales sort last. */
export type CategoryOrder = {
  direction?: OrderDirection;
  field: CategoryOrderField;
};

export type CategoryOrderField = 'LAST_DATE' | 'NAME' | 'TOTAL';

/** One finished epoch. Losses are MSE on normalised values. */
export type EpochMetric = {
  __typename?: 'EpochMetric';
  elapsedMs: Scalars['Int']['output'];
  /** Numbered from 1. */
  epoch: Scalars['Int']['output'];
  trainLoss: Scalars['Float']['output'];
  valLoss: Scalars['Float']['output'];
};

/** Forecast values and interval bounds, one per day ahead. */
export type Forecast = {
  __typename?: 'Forecast';
  category: Scalars['String']['output'];
  /** Days forecast, when the series ends at the data's last day (it equals the latest values). */
  dates: Maybe<Array<Scalars['Date']['output']>>;
  /** Nominal coverage of lower/upper, e.g. 0.9. */
  intervalCoverage: Scalars['Float']['output'];
  lower: Array<Scalars['Float']['output']>;
  modelVersionId: Scalars['ID']['output'];
  upper: Array<Scalars['Float']['output']>;
  values: Array<Scalars['Float']['output']>;
};

/** A CSV import: its progress while it runs, then what it did. */
export type Import = {
  __typename?: 'Import';
  badLineCount: Scalars['Int']['output'];
  /** The first 1,000 bad lines (badLineCount has them all). */
  badLines: Array<ImportBadLine>;
  bytes: Scalars['Float']['output'];
  bytesRead: Scalars['Float']['output'];
  /** Categories that did not exist before. */
  categoriesAdded: Scalars['Int']['output'];
  categoriesTouched: Scalars['Int']['output'];
  /** sha256 of the file, hex. */
  checksum: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** (category, day) totals changed. */
  days: Scalars['Int']['output'];
  /** The earlier import of the same file (DUPLICATE). */
  duplicateOf: Maybe<Scalars['ID']['output']>;
  /** Rows whose (source, transaction id) was already stored. */
  duplicates: Scalars['Int']['output'];
  error: Maybe<Scalars['String']['output']>;
  /** BAD_ROWS, MISSING_COLUMNS, NO_ROWS, UNREADABLE, INTERRUPTED, INTERNAL. */
  errorCode: Maybe<Scalars['String']['output']>;
  fileName: Scalars['String']['output'];
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** bytesRead / bytes, 0–1. */
  progress: Scalars['Float']['output'];
  /** "api", "cli" or "seed". */
  requestedBy: Scalars['String']['output'];
  /** Data rows read (the header and blank lines are not rows). */
  rows: Scalars['Int']['output'];
  /** Rows added to the daily totals. */
  rowsAccepted: Scalars['Int']['output'];
  rowsRejected: Scalars['Int']['output'];
  /** Good rows are imported and bad ones reported (else any bad row rejects the file). */
  skipBadRows: Scalars['Boolean']['output'];
  /** Namespace of the transaction ids. */
  source: Scalars['String']['output'];
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: ImportStatus;
};

/** A line of the file that could not be imported. */
export type ImportBadLine = {
  __typename?: 'ImportBadLine';
  /** INVALID_DATE, INVALID_AMOUNT, EMPTY_CATEGORY, WRONG_FIELD_COUNT, … */
  code: Scalars['String']['output'];
  /** Line in the file, from 1 (the header). */
  line: Scalars['Int']['output'];
  message: Scalars['String']['output'];
};

/** Imports, newest first. */
export type ImportConnection = {
  __typename?: 'ImportConnection';
  edges: Array<ImportEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ImportEdge = {
  __typename?: 'ImportEdge';
  cursor: Scalars['String']['output'];
  node: Import;
};

/** QUEUED → RUNNING → SUCCEEDED (written) | REJECTED (bad rows; nothing written) | FAILED (unusable file or interrupted; nothing written) | DUPLICATE (the same file was imported before; nothing written). */
export type ImportStatus = 'DUPLICATE' | 'FAILED' | 'QUEUED' | 'REJECTED' | 'RUNNING' | 'SUCCEEDED';

export type MlflowStatus = {
  __typename?: 'MlflowStatus';
  enabled: Scalars['Boolean']['output'];
  /** Why the sync cannot reach MLflow (null while it can). */
  lastError: Maybe<Scalars['String']['output']>;
  /** Writes queued for MLflow, not yet acknowledged (0 when disabled; null if unknown). */
  pendingWrites: Maybe<Scalars['Int']['output']>;
  reachable: Scalars['Boolean']['output'];
  trackingUri: Maybe<Scalars['String']['output']>;
  /** Since when MLflow has not answered the sync (null while it answers). */
  unreachableSince: Maybe<Scalars['DateTime']['output']>;
};

/** AUTO fits every enabled family (config models.enabled), backtests them and activates the best by mean MASE; the others fit one family. ARIMA needs the optional "arima" package. */
export type ModelFamily = 'ARIMA' | 'AUTO' | 'CNN_LSTM' | 'ETS' | 'MSTL' | 'PROPHET' | 'SEASONAL_NAIVE';

/** A trained model of a category. */
export type ModelVersion = {
  __typename?: 'ModelVersion';
  /** Serves predict for its category. */
  active: Scalars['Boolean']['output'];
  /** Rolling-origin backtest; null when the history was too short. */
  backtest: Maybe<Backtest>;
  category: Scalars['String']['output'];
  /** Its run's pick among the run's candidates (AUTO runs fit several). */
  champion: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Why the fit fell back to seasonal naive (failed or diverged): it then serves seasonal naive. */
  fallback: Maybe<Scalars['String']['output']>;
  /** The model family (never AUTO). */
  family: ModelFamily;
  /** Seconds the final fit took. */
  fitSeconds: Maybe<Scalars['Float']['output']>;
  id: Scalars['ID']['output'];
  /** Nominal coverage of its forecast intervals. */
  intervalCoverage: Maybe<Scalars['Float']['output']>;
  /** Interval coverage measured on held-out validation errors. */
  intervalValidationCoverage: Maybe<Scalars['Float']['output']>;
  metrics: Maybe<RunMetrics>;
  /** URL of the evaluation plot PNG. */
  plotUrl: Maybe<Scalars['String']['output']>;
  /** The run that trained it. */
  runId: Scalars['ID']['output'];
  /** "api" or "cli" (imported from DATA_DIR/models). */
  source: Scalars['String']['output'];
  tfBackend: Scalars['String']['output'];
  windowSize: Scalars['Int']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Makes a version its category's active one (served by predict): pin or roll back. */
  activateModelVersion: ModelVersion;
  /** Cancels a queued run, or stops a running one within its epoch. */
  cancelRun: TrainingRun;
  /** Imports a sales CSV (GraphQL multipart request). Returns the QUEUED import at once; with wait: true, the finished one (REJECTED or FAILED then answer BAD_USER_INPUT with the bad lines). */
  importSales: Import;
  /** Forecast the next horizon days from the last windowSize values. */
  predict: Forecast;
  /** Adds sales (1–10,000 rows, all or nothing); rows already stored (same source and transactionId) change nothing. */
  recordSales: SalesWriteResult;
  /** Queues one run per category and returns them at once (QUEUED). */
  train: Array<TrainingRun>;
  /** Queues a run for every category that has sales (model AUTO by default: the champion is activated). */
  trainAll: Array<TrainingRun>;
};

export type MutationActivateModelVersionArgs = {
  id: Scalars['ID']['input'];
};

export type MutationCancelRunArgs = {
  id: Scalars['ID']['input'];
};

export type MutationImportSalesArgs = {
  file: Scalars['Upload']['input'];
  skipBadRows?: Scalars['Boolean']['input'];
  source?: InputMaybe<Scalars['String']['input']>;
  wait?: Scalars['Boolean']['input'];
};

export type MutationPredictArgs = {
  input: PredictInput;
};

export type MutationRecordSalesArgs = {
  input: Array<SaleInput>;
  source?: InputMaybe<Scalars['String']['input']>;
};

export type MutationTrainArgs = {
  input: TrainInput;
};

export type MutationTrainAllArgs = {
  input?: InputMaybe<TrainAllInput>;
};

export type OrderDirection = 'ASC' | 'DESC';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** A forecast request. */
export type PredictInput = {
  category: Scalars['String']['input'];
  /** Days ahead, 1–365. */
  horizon?: InputMaybe<Scalars['Int']['input']>;
  /** The category's last windowSize daily values, oldest first. */
  series: Array<Scalars['Float']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** Categories of the sales data (within data.categories when set), by name unless ordered. */
  categories: Array<Category>;
  /** Categories, paged with cursors (for large catalogues). */
  categoriesConnection: CategoryConnection;
  /** One category by its exact name (within data.categories when set); null when there is none. */
  category: Maybe<Category>;
  import: Maybe<Import>;
  /** CSV imports, newest first. */
  imports: ImportConnection;
  modelVersions: Array<ModelVersion>;
  run: Maybe<TrainingRun>;
  /** Runs, newest first, filtered and paginated. */
  runs: RunConnection;
  /** A category's daily sales with a rolling average. */
  series: Series;
  serverInfo: ServerInfo;
};

export type QueryCategoriesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<CategoryOrder>;
  search?: InputMaybe<Scalars['String']['input']>;
  skip?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryCategoriesConnectionArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<CategoryOrder>;
  search?: InputMaybe<Scalars['String']['input']>;
};

export type QueryCategoryArgs = {
  name: Scalars['String']['input'];
};

export type QueryImportArgs = {
  id: Scalars['ID']['input'];
};

export type QueryImportsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type QueryModelVersionsArgs = {
  category: Scalars['String']['input'];
};

export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};

export type QueryRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  category?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<RunStatus>;
};

export type QuerySeriesArgs = {
  category: Scalars['String']['input'];
  from?: InputMaybe<Scalars['Date']['input']>;
  rollingWindow?: InputMaybe<Scalars['Int']['input']>;
  to?: InputMaybe<Scalars['Date']['input']>;
};

export type RunConnection = {
  __typename?: 'RunConnection';
  edges: Array<RunEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type RunEdge = {
  __typename?: 'RunEdge';
  cursor: Scalars['String']['output'];
  node: TrainingRun;
};

/** Validation metrics in sales units: the model against its baselines. */
export type RunMetrics = {
  __typename?: 'RunMetrics';
  mae: Scalars['Float']['output'];
  /** Model MAE / seasonal-naive MAE; < 1 beats it. */
  mase: Maybe<Scalars['Float']['output']>;
  naiveMae: Scalars['Float']['output'];
  naiveRmse: Scalars['Float']['output'];
  rmse: Scalars['Float']['output'];
  seasonalNaiveMae: Scalars['Float']['output'];
  seasonalNaiveRmse: Scalars['Float']['output'];
};

/** QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED (a QUEUED run can also be CANCELLED). */
export type RunStatus = 'CANCELLED' | 'FAILED' | 'QUEUED' | 'RUNNING' | 'SUCCEEDED';

/** One sale, or a return (negative amount). */
export type SaleInput = {
  /** Finite, at most ±1e12; stored to 4 decimals. */
  amount: Scalars['Float']['input'];
  /** Trimmed; 1–100 characters. */
  category: Scalars['String']['input'];
  /** The business day of the sale. */
  date: Scalars['Date']['input'];
  /** The sending system's id of the sale: a row whose (source, transactionId) was stored before changes nothing. */
  transactionId?: InputMaybe<Scalars['String']['input']>;
};

/** A category's sales changed; its dates after the change. */
export type SalesUpdate = {
  __typename?: 'SalesUpdate';
  category: Scalars['String']['output'];
  /** Days from the first to the last sale. */
  days: Scalars['Int']['output'];
  firstDate: Scalars['Date']['output'];
  lastDate: Scalars['Date']['output'];
};

/** What one recordSales call wrote. */
export type SalesWriteResult = {
  __typename?: 'SalesWriteResult';
  /** Rows added to the daily totals. */
  accepted: Scalars['Int']['output'];
  /** Categories whose totals changed, by name. */
  categoriesTouched: Array<Scalars['String']['output']>;
  /** Rows whose (source, transactionId) was already stored: nothing changed. */
  duplicates: Scalars['Int']['output'];
  /** Runs the retrain policy queued (config retrain). */
  queuedRuns: Array<TrainingRun>;
};

export type Series = {
  __typename?: 'Series';
  category: Scalars['String']['output'];
  points: Array<SeriesPoint>;
};

export type SeriesPoint = {
  __typename?: 'SeriesPoint';
  date: Scalars['Date']['output'];
  /** Mean of this and the previous rollingWindow − 1 days. */
  rollingAverage: Maybe<Scalars['Float']['output']>;
  value: Scalars['Float']['output'];
};

export type ServerInfo = {
  __typename?: 'ServerInfo';
  /** "embedded" (PGlite) or "postgres". */
  database: Scalars['String']['output'];
  /** The GraphQL path (HTTP, WebSocket and playground). */
  graphqlPath: Scalars['String']['output'];
  mlflow: MlflowStatus;
  /** What computes CNN-LSTM forecasts: e.g. "onnxruntime 1.30.0", or "tfjs" (serving.engine). */
  servingEngine: Scalars['String']['output'];
  /** TF.js backend (training, and forecasts when servingEngine is tfjs). */
  tfBackend: Scalars['String']['output'];
  version: Scalars['String']['output'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /** An import's state now, then at every step (about 4 a second while it reads), until it finishes. */
  importProgress: Import;
  /** A category's sales changed (recordSales or an import): its dates after the change. No category: all. */
  salesUpdated: SalesUpdate;
  /** Every epoch and status change of runs (all, one run, or one category): stored first, then live. */
  trainingProgress: TrainingEvent;
};

export type SubscriptionImportProgressArgs = {
  id: Scalars['ID']['input'];
};

export type SubscriptionSalesUpdatedArgs = {
  category?: InputMaybe<Scalars['String']['input']>;
};

export type SubscriptionTrainingProgressArgs = {
  category?: InputMaybe<Scalars['String']['input']>;
  runId?: InputMaybe<Scalars['ID']['input']>;
};

/** Hyperparameter overrides shared by train and trainAll; unset means config.yaml. */
export type TrainAllInput = {
  /** 1–4096. */
  batchSize?: InputMaybe<Scalars['Int']['input']>;
  /** 1–1000. */
  epochs?: InputMaybe<Scalars['Int']['input']>;
  /** MLflow experiment; default training.experiment_name. */
  experimentName?: InputMaybe<Scalars['String']['input']>;
  /** > 0 and ≤ 1. */
  learningRate?: InputMaybe<Scalars['Float']['input']>;
  /** AUTO: fit every enabled family, backtest them, activate the best; or one family. */
  model?: InputMaybe<ModelFamily>;
  /** Days per input window, 7–365. */
  windowSize?: InputMaybe<Scalars['Int']['input']>;
};

/** Which categories to train, with optional overrides. */
export type TrainInput = {
  /** 1–4096. */
  batchSize?: InputMaybe<Scalars['Int']['input']>;
  /** Configured category names, at least one, no duplicates. */
  categories: Array<Scalars['String']['input']>;
  /** 1–1000. */
  epochs?: InputMaybe<Scalars['Int']['input']>;
  /** MLflow experiment; default training.experiment_name. */
  experimentName?: InputMaybe<Scalars['String']['input']>;
  /** > 0 and ≤ 1. */
  learningRate?: InputMaybe<Scalars['Float']['input']>;
  /** The family to train (CNN_LSTM by default), or AUTO for every enabled family. */
  model?: InputMaybe<ModelFamily>;
  /** Days per input window, 7–365. */
  windowSize?: InputMaybe<Scalars['Int']['input']>;
};

/** An epoch finished (EPOCH) or a run changed status (STATUS). */
export type TrainingEvent = {
  __typename?: 'TrainingEvent';
  /** CANDIDATE_FINISHED: backtest interval coverage. */
  backtestCoverage: Maybe<Scalars['Float']['output']>;
  /** CANDIDATE_FINISHED: mean backtest MAE. */
  backtestMae: Maybe<Scalars['Float']['output']>;
  /** CANDIDATE_FINISHED: mean backtest MASE. */
  backtestMase: Maybe<Scalars['Float']['output']>;
  category: Scalars['String']['output'];
  elapsedMs: Maybe<Scalars['Int']['output']>;
  epoch: Maybe<Scalars['Int']['output']>;
  /** On a FAILED status event or a failed candidate: why. */
  error: Maybe<Scalars['String']['output']>;
  /** CANDIDATE_FINISHED: why it fell back to seasonal naive. */
  fallback: Maybe<Scalars['String']['output']>;
  /** CANDIDATE_* events: the family. */
  family: Maybe<ModelFamily>;
  /** CANDIDATE_FINISHED: seconds of the final fit. */
  fitSeconds: Maybe<Scalars['Float']['output']>;
  /** CANDIDATE_FINISHED: the version it produced. */
  modelVersionId: Maybe<Scalars['ID']['output']>;
  runId: Scalars['ID']['output'];
  /** The run status when the event was emitted. */
  status: RunStatus;
  totalEpochs: Scalars['Int']['output'];
  trainLoss: Maybe<Scalars['Float']['output']>;
  type: TrainingEventType;
  valLoss: Maybe<Scalars['Float']['output']>;
};

export type TrainingEventType = 'CANDIDATE_FINISHED' | 'CANDIDATE_STARTED' | 'EPOCH' | 'STATUS';

/** A training run of one category. */
export type TrainingRun = {
  __typename?: 'TrainingRun';
  /** The run's candidates, one version per family: the champion first, then by backtest MASE. */
  candidates: Array<ModelVersion>;
  category: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  epochs: Array<EpochMetric>;
  /** Why the run failed. */
  error: Maybe<Scalars['String']['output']>;
  experimentName: Scalars['String']['output'];
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  hyperparameters: Scalars['JSON']['output'];
  id: Scalars['ID']['output'];
  metrics: Maybe<RunMetrics>;
  /** MLflow's message when the sync FAILED. */
  mlflowError: Maybe<Scalars['String']['output']>;
  mlflowRunId: Maybe<Scalars['String']['output']>;
  /** DISABLED, PENDING, SYNCED or FAILED. */
  mlflowSync: Maybe<Scalars['String']['output']>;
  mlflowUrl: Maybe<Scalars['String']['output']>;
  /** AUTO (every enabled family) or the one family it fits. */
  model: ModelFamily;
  /** The version the run activated (its champion). */
  modelVersion: Maybe<ModelVersion>;
  secondsPerEpoch: Maybe<Scalars['Float']['output']>;
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: RunStatus;
  /** TF.js backend the run trained on. */
  tfBackend: Maybe<Scalars['String']['output']>;
  /** Epochs this run trains for. */
  totalEpochs: Scalars['Int']['output'];
};
