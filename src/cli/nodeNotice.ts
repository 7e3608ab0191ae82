/**
 * The Node major the AWS SDK for JavaScript v3 requires from its releases
 * after the first week of January 2027 (its own NodeVersionSupportWarning).
 */
const SDK_NODE_MAJOR = 22;

/**
 * Returns the one line that replaces the AWS SDK's nine-line notice about
 * an older Node, saying what to do; undefined on a Node the SDK keeps
 * supporting.
 *
 * @param version - `process.version`, e.g. `v20.20.2`
 */
const nodeVersionNotice = (version: string): string | undefined => {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (!Number.isInteger(major) || major >= SDK_NODE_MAJOR) return undefined;
  return `sentinel: note: AWS SDK releases after the first week of January 2027 need Node ${SDK_NODE_MAJOR} or later; this is Node ${version}. Upgrade Node (e.g. nvm install ${SDK_NODE_MAJOR}) to keep getting SDK fixes.\n`;
};

export { nodeVersionNotice, SDK_NODE_MAJOR };
