import type { Config } from "../config-schema.js";
import { renderMarker } from "../../core/markers.js";
import { planLabels, planStickyComment, type Plan } from "../../core/plan.js";
import { findGroup, type Group } from "../../registry/types.js";
import { SEP_LINK_MARKER, type SepFileOwner, type SepLinkInput } from "./gather.js";
import { renderSepLink, type UnlinkedFile } from "./render-link.js";

export interface OwnerResolution {
  /** Groups the PR is linked to, with the SEP files naming each. */
  linked: { group: Group; paths: string[] }[];
  unlinked: UnlinkedFile[];
}

/** Which registered Working Group owns each SEP file; names that cannot own a SEP say why. */
export function resolveOwners(input: Pick<SepLinkInput, "files" | "registry">): OwnerResolution {
  const linked = new Map<string, { group: Group; paths: string[] }>();
  const unlinked: UnlinkedFile[] = [];
  for (const file of input.files) {
    if (!file.named) continue;
    const group = findGroup(input.registry, file.named.name);
    const why = whyNotOwner(file, group);
    if (why || !group) {
      unlinked.push({ path: file.path, name: file.named.name, line: file.named.line, why: why ?? "unknown" });
      continue;
    }
    const entry = linked.get(group.tag) ?? { group, paths: [] };
    entry.paths.push(file.path);
    linked.set(group.tag, entry);
  }
  return { linked: [...linked.values()], unlinked };
}

function whyNotOwner(file: SepFileOwner, group: Group | undefined): UnlinkedFile["why"] | null {
  if (!group) return "unknown";
  if (group.kind !== "wg") return "interest-group";
  if (group.status === "retired") return "retired";
  return null;
}

/**
 * Label the PR with each owning WG's tag and keep one comment naming the groups, their leads and
 * charters. Only tags the app itself linked before (recorded in its own comment's marker) and that
 * are registered group tags are ever removed, so a label a maintainer added by hand stays.
 */
export function decideSepLink(input: SepLinkInput, _config: Config, _now: Date): Plan {
  const { linked, unlinked } = resolveOwners(input);
  const want = linked.map((l) => l.group.tag);
  const registered = new Set(input.registry.groups.map((g) => g.tag.toLowerCase()));
  const previous = (input.existing?.tags ?? []).filter((t) => registered.has(t.toLowerCase()));
  const reason = want.length > 0 ? `SEP owned by ${want.join(", ")}` : "the SEP names no registered Working Group";
  const plan: Plan = planLabels(input.target, input.labels, want, previous, reason);
  if (want.length === 0 && unlinked.length === 0 && !input.existing) return plan;
  const marker = renderMarker(SEP_LINK_MARKER, { tags: want });
  const body = renderSepLink({ marker, repoUrl: input.repoUrl, linked, unlinked });
  plan.push(...planStickyComment(input.target, SEP_LINK_MARKER, body, input.existing, reason));
  return plan;
}
