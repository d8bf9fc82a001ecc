export {
  DEPENDENCY_FOLDERS,
  dependencyRoots,
  isDependencyPath,
  listDependencyFolder,
} from './dependencies.js';
export type { FileWrite, TextFile } from './project-files.js';
export {
  FileAccessError,
  isInside,
  ProjectFiles,
  projectFiles,
  REFUSED,
  readUserFile,
} from './project-files.js';
export { isGitInternal, isSecretPath, secretInText } from './secrets.js';
export { decodeText, looksBinary } from './text.js';
