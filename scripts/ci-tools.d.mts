// Types for scripts/ci-tools.mjs, which the distribution tests import.
/** The bin folder of a venv with tools/python/requirements.txt (pre-commit, hadolint); installs it when not cached. */
export declare function ciPythonBin(): string;
/** The path of actionlint, built from tools/actionlint/go.mod through the Go module proxy. */
export declare function actionlint(): string;
