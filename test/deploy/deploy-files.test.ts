import { describe, expect, test } from "@jest/globals";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";
import { ROOT } from "../../sandbox/src/app-process.js";
import { SWEEP_PATH } from "../../src/sweep/http-route.js";

/**
 * The deployment files cannot be run here (no docker, no cluster): they are parsed and checked for
 * what the replicas need (docs/replicas.md): three app replicas wired to one Redis, readiness on
 * `/ping`, and exactly one way the sweep is started on a schedule.
 */
const load = (file: string): any[] => {
  const docs = parseAllDocuments(readFileSync(join(ROOT, "deploy", file), "utf8"), { merge: true });
  for (const d of docs) expect(d.errors).toEqual([]);
  return docs.map((d) => d.toJS({ maxAliasCount: -1 }));
};

const envOf = (container: any): Record<string, string> => Object.fromEntries((container.env ?? []).filter((e: any) => "value" in e).map((e: any) => [e.name, e.value]));

describe("deploy/kubernetes.yaml", () => {
  const docs = load("kubernetes.yaml");
  const byKind = (kind: string, name: string) => docs.find((d) => d.kind === kind && d.metadata?.name === name);

  test("three app replicas, ready on /ping, with REDIS_URL naming the Redis service", () => {
    const app = byKind("Deployment", "convener");
    expect(app.spec.replicas).toBe(3);
    const container = app.spec.template.spec.containers[0];
    expect(container.readinessProbe.httpGet.path).toBe("/ping");
    const redisService = byKind("Service", "convener-redis");
    const port = redisService.spec.ports[0].port;
    expect(envOf(container).REDIS_URL).toBe(`redis://${redisService.metadata.name}:${port}`);
    // The app's Service selects the app's pods, the Redis Service the Redis pod.
    expect(byKind("Service", "convener").spec.selector).toEqual(app.spec.template.metadata.labels);
    expect(redisService.spec.selector).toEqual(byKind("Deployment", "convener-redis").spec.template.metadata.labels);
    // The secrets come from a Secret, never from this file.
    expect(container.envFrom[0].secretRef.name).toBe("convener");
    expect(Object.keys(envOf(container))).not.toEqual(expect.arrayContaining(["PRIVATE_KEY"]));
  });

  test("the sweep is a CronJob posting to the sweep route through the app's Service, not a timer in each replica", () => {
    const cron = byKind("CronJob", "convener-sweep");
    expect(cron.spec.schedule).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expect(cron.spec.concurrencyPolicy).toBe("Forbid");
    const args: string[] = cron.spec.jobTemplate.spec.template.spec.containers[0].args;
    expect(args).toContain("POST");
    expect(args).toContain(`http://convener${SWEEP_PATH}`);
    expect(args.some((a) => a === "Authorization: Bearer $(SWEEP_TOKEN)")).toBe(true);
    expect(envOf(byKind("Deployment", "convener").spec.template.spec.containers[0]).SWEEP_INTERVAL).toBe("off");
  });
});

describe("deploy/compose.yaml", () => {
  const [compose] = load("compose.yaml");
  const apps = Object.entries<any>(compose.services).filter(([name]) => /^app\d+$/.test(name));

  test("three app services on one Redis, each with a health check on /ping, behind the proxy", () => {
    expect(apps).toHaveLength(3);
    for (const [, app] of apps) {
      expect(app.environment.REDIS_URL).toBe("redis://redis:6379");
      expect(app.healthcheck.test.join(" ")).toContain("/ping");
      expect(app.depends_on.redis.condition).toBe("service_healthy");
    }
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(["--save", ""]));
    const upstream = compose.configs.nginx.content as string;
    for (const [name] of apps) expect(upstream).toContain(`server ${name}:3000`);
    expect(compose.services.proxy.depends_on).toEqual(apps.map(([name]) => name));
  });

  test("exactly one replica sweeps on a timer", () => {
    const sweeping = apps.filter(([, app]) => app.environment.SWEEP_INTERVAL !== "off");
    expect(sweeping).toHaveLength(1);
  });
});
