/**
 * The pure, seeded logic behind `npm run data:generate`: individual transactions in the original system's
 * 9-column format, whose daily revenue per category has a trend, weekly and yearly seasonality, promotions,
 * noise, stock-out days and a shop closed on 25 December. Called by cli/generate-sample-data.ts and tests.
 */
import seedrandom from 'seedrandom';
import { fromDayNumber, toDayNumber } from './daily-series.js';
import { parseSaleDate } from './read-sales-csv.js';

/** A yearly bump: `uplift` (0.5 = +50 %) at `day` of the year, a Gaussian `width` days wide. */
export interface YearlyPeak {
  day: number;
  width: number;
  uplift: number;
}

/** How one category sells. */
export interface CategoryProfile {
  name: string;
  /** Unit prices; cheaper ones sell more often. Integers keep `Quantity × Price` exact. */
  prices: number[];
  /** Mean transactions on an average day at the start, before seasonality. */
  transactionsPerDay: number;
  /** Linear change per year: 0.1 = +10 % a year. */
  trendPerYear: number;
  /** Multipliers by weekday, Sunday first (as `Date#getUTCDay`). */
  weekday: number[];
  yearlyPeaks: YearlyPeak[];
}

/** What to generate. */
export interface SampleDataOptions {
  /** Same seed, same rows, byte for byte. */
  seed: number;
  /** First day, `YYYY-MM-DD`. */
  startDate: string;
  /** Number of calendar days, a positive integer. */
  days: number;
  /** @default DEFAULT_CATEGORY_PROFILES */
  categories?: CategoryProfile[];
}

/** The original system's header; the pipeline reads Date, Product Category and Total Amount. */
const HEADER_LINE =
  'Transaction ID,Date,Customer ID,Gender,Age,Product Category,Quantity,Price per Unit,Total Amount';
export const SAMPLE_HEADER: string[] = HEADER_LINE.split(',');

const peak = (day: number, width: number, uplift: number): YearlyPeak => ({ day, width, uplift });

/** Five categories with their own prices, trends, busy weekdays and seasons (Valentine's, summer, Christmas). */
// prettier-ignore
export const DEFAULT_CATEGORY_PROFILES: CategoryProfile[] = [
  { name: 'Beauty', prices: [10, 15, 25, 30, 50], transactionsPerDay: 11, trendPerYear: 0.12,
    weekday: [1.15, 0.85, 0.85, 0.9, 1, 1.15, 1.3], yearlyPeaks: [peak(45, 5, 0.5), peak(130, 6, 0.4), peak(352, 12, 0.8)] },
  { name: 'Clothing', prices: [20, 35, 50, 80, 120], transactionsPerDay: 12, trendPerYear: 0.08,
    weekday: [1.25, 0.8, 0.8, 0.85, 0.95, 1.15, 1.45], yearlyPeaks: [peak(195, 25, 0.35), peak(330, 5, 0.6), peak(352, 12, 0.7)] },
  { name: 'Electronics', prices: [30, 60, 150, 300, 500], transactionsPerDay: 9, trendPerYear: 0.2,
    weekday: [1.2, 0.85, 0.85, 0.9, 0.95, 1.05, 1.3], yearlyPeaks: [peak(235, 10, 0.4), peak(330, 4, 1.2), peak(352, 10, 0.9)] },
  { name: 'Groceries', prices: [3, 5, 8, 12, 20], transactionsPerDay: 16, trendPerYear: 0.04,
    weekday: [0.9, 0.95, 0.9, 0.9, 1, 1.25, 1.3], yearlyPeaks: [peak(195, 30, 0.1), peak(330, 3, 0.3), peak(355, 6, 0.5)] },
  { name: 'Home', prices: [15, 25, 40, 90, 200], transactionsPerDay: 10, trendPerYear: -0.04,
    weekday: [1.4, 0.8, 0.85, 0.85, 0.9, 1, 1.35], yearlyPeaks: [peak(120, 30, 0.3), peak(195, 25, 0.25), peak(352, 14, 0.5)] },
];

/**
 * A catalogue of `count` categories for scale tests (`data:generate -- --categories 1000`): the five
 * default profiles' shapes, each copy with its own volume (1.5–9 transactions a day) and trend, named
 * "<shape> <n>". Deterministic for a count.
 */
export function catalogueProfiles(count: number): CategoryProfile[] {
  if (count <= DEFAULT_CATEGORY_PROFILES.length) return DEFAULT_CATEGORY_PROFILES.slice(0, count);
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => {
    const base = DEFAULT_CATEGORY_PROFILES[i % DEFAULT_CATEGORY_PROFILES.length]!;
    const spread = ((i * 7919) % 1000) / 1000; // a fixed, well-mixed 0..1 per category
    return {
      ...base,
      name: `${base.name} ${String(i + 1).padStart(width, '0')}`,
      transactionsPerDay: 1.5 + 7.5 * spread,
      trendPerYear: base.trendPerYear + (spread - 0.5) * 0.2,
    };
  });
}

const CUSTOMERS = 5000;
const NOISE_SIGMA = 0.15; // day-to-day log-normal noise on the expected count
const PROMOTION_START = 1 / 40; // chance per category and day that a 3–7 day promotion starts
const STOCK_OUT = 0.004; // chance per category and day of selling nothing (exercises zero-filled gaps)

function poisson(rng: seedrandom.PRNG, mean: number): number {
  const limit = Math.exp(-mean); // Knuth: count uniforms until their product drops below e^-mean
  let count = 0;
  for (let product = rng(); product > limit; product *= rng()) count += 1;
  return count;
}

const gaussian = (rng: seedrandom.PRNG): number =>
  Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()); // Box–Muller

function expectedTransactions(profile: CategoryProfile, dayIndex: number, date: Date): number {
  const dayOfYear = (date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 0)) / 86_400_000;
  const yearly = profile.yearlyPeaks.reduce((factor, { day, width, uplift }) => {
    const distance = Math.min(Math.abs(dayOfYear - day), 365 - Math.abs(dayOfYear - day));
    return factor + uplift * Math.exp(-0.5 * (distance / width) ** 2);
  }, 1);
  const trend = 1 + (profile.trendPerYear * dayIndex) / 365;
  return profile.transactionsPerDay * trend * yearly * (profile.weekday[date.getUTCDay()] ?? 1);
}

/** One line item: quantity 1–4 (mostly 1) and a price from the list (cheap ones more often). */
function sellItem(rng: seedrandom.PRNG, prices: number[]): string[] {
  const u = rng();
  const quantity = u < 0.45 ? 1 : u < 0.75 ? 2 : u < 0.9 ? 3 : 4;
  const price = prices[Math.floor(rng() ** 1.6 * prices.length)]!;
  return [String(quantity), String(price), String(quantity * price)];
}

function checkOptions({ startDate, days }: SampleDataOptions, categories: CategoryProfile[]): void {
  if (parseSaleDate(startDate) !== startDate || !Number.isInteger(days) || days < 1) {
    throw new RangeError(`need a YYYY-MM-DD startDate and whole days > 0 (got ${startDate}, ${days})`);
  }
  if (categories.length === 0 || categories.some((c) => c.prices.length === 0 || c.weekday.length !== 7)) {
    throw new RangeError('categories need a name, at least one price and 7 weekday factors each');
  }
}

/**
 * Generates transactions day by day, sorted by date with increasing Transaction IDs (no header row).
 * Deterministic: the same options give the same rows. Within a day the categories' sales are interleaved.
 * @param options - seed, first day, number of days, category profiles
 * @returns rows in SAMPLE_HEADER order, all values as strings; `Total Amount = Quantity × Price per Unit`
 * @throws RangeError for a bad start date, a non-positive day count or an unusable profile
 */
export function* generateSampleTransactions(options: SampleDataOptions): Generator<string[]> {
  const categories = options.categories ?? DEFAULT_CATEGORY_PROFILES;
  checkOptions(options, categories);
  const rng = seedrandom(String(options.seed));
  const customers = Array.from({ length: CUSTOMERS }, (_, index) => {
    const id = `CUST${String(index + 1).padStart(5, '0')}`;
    return [id, rng() < 0.5 ? 'Female' : 'Male', String(18 + Math.floor(rng() * 47))];
  });
  const promotions = categories.map(() => ({ daysLeft: 0, uplift: 1 }));
  const firstDay = toDayNumber(options.startDate);
  let transactionId = 0;
  for (let dayIndex = 0; dayIndex < options.days; dayIndex += 1) {
    const date = fromDayNumber(firstDay + dayIndex);
    if (date.endsWith('-12-25')) continue; // the shop is closed: no category sells
    const rows: string[][] = [];
    categories.forEach((profile, c) => {
      const promotion = promotions[c]!;
      if (promotion.daysLeft === 0 && rng() < PROMOTION_START) {
        Object.assign(promotion, { daysLeft: 3 + Math.floor(rng() * 5), uplift: 1.3 + rng() * 0.6 });
      }
      const promoted = promotion.daysLeft > 0 ? promotion.uplift : 1;
      promotion.daysLeft = Math.max(0, promotion.daysLeft - 1);
      const noise = Math.exp(NOISE_SIGMA * gaussian(rng) - NOISE_SIGMA ** 2 / 2);
      const mean = expectedTransactions(profile, dayIndex, new Date(date)) * promoted * noise;
      const count = rng() < STOCK_OUT ? 0 : poisson(rng, mean);
      for (let k = 0; k < count; k += 1) {
        const customer = customers[Math.floor(rng() * CUSTOMERS)]!;
        rows.push([date, ...customer, profile.name, ...sellItem(rng, profile.prices)]);
      }
    });
    for (let i = rows.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rng() * (i + 1)); // Fisher–Yates: a till's log interleaves categories
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    for (const row of rows) yield [String((transactionId += 1)), ...row];
  }
}
