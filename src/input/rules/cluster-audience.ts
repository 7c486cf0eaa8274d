import type { LintRule, RuleHit } from './rule.js';

/**
 * The API server's own audiences: its issuer (kube-apiserver's default
 * --api-audiences) and the names of the in-cluster Service. Every pod's
 * default token (kube-api-access) is for these: accepting one would let any
 * pod in the cluster, whatever its service account was meant for, call Temporal.
 */
const KUBERNETES_AUDIENCE = /^(https:\/\/)?kubernetes(\.default(\.svc(\.[a-z0-9.-]+)?)?)?(:443)?$/;

/** Audiences other systems' projected tokens carry in many pods: a token minted for them must not open Temporal. */
const OTHER_SYSTEMS: readonly { test: (aud: string) => boolean; what: string }[] = [
  { test: (a) => a === 'sts.amazonaws.com', what: 'the audience of AWS IAM roles for service accounts (every pod with an IAM role holds such a token)' },
  { test: (a) => a === 'api://azureadtokenexchange', what: 'the audience of Azure workload identity (every pod using it holds such a token)' },
  { test: (a) => a.endsWith('.svc.id.goog'), what: "a GKE workload identity pool's audience (every pod using it holds such a token)" },
];

const normalise = (audience: string) => audience.trim().replace(/\/+$/, '').toLowerCase();

// The workers' tokens must be for Temporal alone: an audience Kubernetes (or
// another system) also accepts would let a token minted for it open Temporal,
// and a Temporal token open the API server.
export const clusterAudience: LintRule = {
  id: 'cluster-audience',
  severity: 'error',
  summary: "`cluster.audience` is the cluster's issuer, an audience of the Kubernetes API server (https://kubernetes.default.svc..., kubernetes) or of another system's workload identity.",
  check: ({ spec }) => {
    if (!spec.cluster) return [];
    const audience = normalise(spec.cluster.audience);
    const fix = 'pick a name of its own for Temporal, e.g. temporal.<your domain>';
    const hits: RuleHit[] = [];
    if (audience === normalise(spec.cluster.issuer) || KUBERNETES_AUDIENCE.test(audience)) {
      hits.push({
        path: ['cluster', 'audience'],
        message: `cluster.audience ${spec.cluster.audience} is an audience of the Kubernetes API server itself: every pod's own token is for it, so any pod could call Temporal (and a worker's token would open the API server); ${fix}`,
      });
    } else {
      const other = OTHER_SYSTEMS.find((o) => o.test(audience));
      if (other) hits.push({ path: ['cluster', 'audience'], message: `cluster.audience ${spec.cluster.audience} is ${other.what}, so those pods could call Temporal; ${fix}` });
    }
    return hits;
  },
};
