// Types of start-build-dir.js (plain JavaScript: start.js loads it with Node alone).
export declare const ROOT: string;
export declare const BUILDS_DIR: string;
/** A hash of every source file's path and content below `root` (default the repository). */
export declare function startSourceStamp(root?: string): Promise<string>;
/** The directory of the bundles built from sources with this stamp (there or not yet). */
export declare function startBuildDir(stamp: string): string;
/** Whether `dir` holds a finished build: its README is written last. */
export declare function isFinishedBuild(dir: string): boolean;
/** The arguments after `node` that run service `name` from `build`. */
export declare function bundleEntry(build: string, name: string): string[];
