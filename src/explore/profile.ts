/**
 * The codebase profile: one detector per ecosystem in `profile/` (node, python, go, rust, jvm, ruby, php,
 * dotnet, xano, CI, containers, docs, …), registered in one list (`profile/index.ts`).
 */
export * from './profile/index.js';
