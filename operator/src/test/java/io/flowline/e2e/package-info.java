/**
 * End-to-end tests: the shipped examples and the operator's contract (api.md) checked on a real cluster, with the
 * real operator jar running as a separate process.
 *
 * <p>Run them with the build, after package: {@code ./mvnw -B verify}, or one class with
 * {@code ./mvnw -B verify -Dit.test=ExamplesIT}. They need a cluster: {@code export KUBECONFIG=$(../shared/k8s/up.sh
 * | tail -1)}. Without one they are skipped, unless {@code FLOWLINE_E2E_REQUIRED=true} (set by .ci/run), which makes
 * a missing cluster a failure. Each class gets its own namespace ({@code flowline-e2e-*}, labelled
 * {@code flowline.io/e2e=true}) and its own operator, whose log is kept in {@code operator/target/e2e-logs/}.
 */
package io.flowline.e2e;
