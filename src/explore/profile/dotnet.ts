import type { Detector } from './detect.js';
import { lineOf } from './types.js';

/** .NET: solutions and projects, ASP.NET Core, test projects, dotnet build, test and format. */
export const dotnet: Detector = {
  name: 'dotnet',
  detect(ctx) {
    const { inventory, read, p, framework, command } = ctx;
    const projects = inventory.files.filter((f) => /\.(csproj|fsproj|vbproj)$/.test(f.path));
    const solution = inventory.files.find((f) => /\.sln$/.test(f.path) && !f.path.includes('/'));
    if (!projects.length && !solution) return;
    const first = solution?.path ?? projects[0]!.path;
    p.packageManagers.push({ name: 'dotnet', kind: 'dotnet', evidence: { file: first, line: 1 } });
    let tests = false;
    for (const f of projects) {
      const text = read(f.path) ?? '';
      if (/Sdk="Microsoft\.NET\.Sdk\.Web"/.test(text))
        framework('ASP.NET Core', 'web', { file: f.path, line: lineOf(text, 'Microsoft.NET.Sdk.Web') });
      for (const [pkg, name] of [
        ['xunit', 'xUnit'],
        ['NUnit', 'NUnit'],
        ['MSTest.TestFramework', 'MSTest'],
      ] as const)
        if (text.includes(`Include="${pkg}`)) {
          framework(name, 'test', { file: f.path, line: lineOf(text, `Include="${pkg}`) });
          tests = true;
        }
      if (text.includes('Include="Microsoft.EntityFrameworkCore'))
        framework('Entity Framework Core', 'orm', {
          file: f.path,
          line: lineOf(text, 'Include="Microsoft.EntityFrameworkCore'),
        });
    }
    command('build', 'dotnet build', { file: first, line: 1 });
    if (tests || projects.some((f) => /Tests?\.(cs|fs|vb)proj$/.test(f.path)))
      command('test', 'dotnet test', { file: first, line: 1 });
    command('format', 'dotnet format --verify-no-changes', { file: first, line: 1 });
  },
};
