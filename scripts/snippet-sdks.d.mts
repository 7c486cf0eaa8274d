// Types for scripts/snippet-sdks.mjs, which the package tests import.
export declare const JAVA_POM: string;
export declare const PYTHON_REQUIREMENTS: string;
export declare const PYTHON_VENV: string;
/** javac's -cp for test/package/java/pom.xml (compile scope, the default), or java's -cp to run against it (runtime scope); resolves with Maven when not cached. */
export declare function javaClasspath(scope?: 'compile' | 'runtime'): string;
/** The python of a venv with test/package/python/requirements.txt; installs it when not cached. */
export declare function pythonVenv(): string;
