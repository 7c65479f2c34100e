/**
 * Fault injection: the next N requests matching a rule get an error, a secondary rate limit, or a
 * delay, as GitHub sometimes answers. Rules match "METHOD /path" (REST paths without `/api/v3`,
 * GraphQL as `POST /graphql`).
 */
export interface FaultRule {
  method?: string;
  /** A substring or pattern of the path. */
  path?: string | RegExp;
  /**
   * Only GraphQL mutation documents with this mutation field (e.g. `addComment`): the app's writes
   * all go to `POST /graphql`, like its reads, so the path alone cannot pick a write out.
   */
  mutation?: string;
  /** How many matching requests the rule applies to. */
  times: number;
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering (then answer normally unless `status` is set). */
  delayMs?: number;
  /** How many requests the rule has hit so far. */
  hits?: number;
}

type Match = Pick<FaultRule, "method" | "path" | "mutation">;

export class Faults {
  readonly rules: FaultRule[] = [];

  add(rule: FaultRule): FaultRule {
    const added = { ...rule, hits: 0 };
    this.rules.push(added);
    return added;
  }

  /** The next `times` matching requests fail with `status` (502 by default). */
  failNext(match: Match, times = 1, status = 502): FaultRule {
    return this.add({ ...match, times, status, body: { message: status === 502 ? "Server Error" : "Internal Server Error" } });
  }

  /**
   * GitHub's secondary rate limit: 403, a `retry-after` header and this message. GitHub sometimes
   * sends it without `retry-after` (pass null): clients are then expected to back off on their own.
   */
  secondaryRateLimit(match: Match, retryAfterSeconds: number | null = 1, times = 1): FaultRule {
    return this.add({ ...match, times, status: 403, headers: limitHeaders(retryAfterSeconds), body: SECONDARY_LIMIT_BODY });
  }

  /** The other answer GitHub gives for a secondary limit: 429 Too Many Requests (same message). */
  tooManyRequests(match: Match, retryAfterSeconds: number | null = 1, times = 1): FaultRule {
    return this.add({ ...match, times, status: 429, headers: limitHeaders(retryAfterSeconds), body: SECONDARY_LIMIT_BODY });
  }

  delay(match: Match, delayMs: number, times = 1): FaultRule {
    return this.add({ ...match, times, delayMs });
  }

  /** Takes one use of the first rule matching the request, if any. */
  take(method: string, path: string, body = ""): FaultRule | undefined {
    const rule = this.rules.find((r) => (r.hits ?? 0) < r.times && matches(r, method, path, body));
    if (rule) rule.hits = (rule.hits ?? 0) + 1;
    return rule;
  }

  clear(): void {
    this.rules.length = 0;
  }
}

const SECONDARY_LIMIT_BODY = {
  message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
  documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
};

function limitHeaders(retryAfterSeconds: number | null): Record<string, string> {
  return { ...(retryAfterSeconds === null ? {} : { "retry-after": String(retryAfterSeconds) }), "x-ratelimit-remaining": "4000" };
}

function matches(rule: FaultRule, method: string, path: string, body: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false;
  if (rule.mutation !== undefined && !isMutationWith(body, rule.mutation)) return false;
  if (rule.path === undefined) return true;
  return typeof rule.path === "string" ? path.includes(rule.path) : rule.path.test(path);
}

/** A GraphQL request body whose document is a mutation calling `field` (aliased or not). */
function isMutationWith(body: string, field: string): boolean {
  let query = "";
  try {
    query = String(JSON.parse(body)?.query ?? "");
  } catch {
    return false;
  }
  return /^\s*mutation\b/m.test(query) && new RegExp(`(^|[\\s{:])${field}\\s*\\(`).test(query);
}
