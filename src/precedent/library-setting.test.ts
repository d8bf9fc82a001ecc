import { describe, expect, it } from 'vitest';
import { tempProjects } from '../../test/temp-project.js';
import { inventory } from '../explore/inventory.js';
import { projectFiles } from '../files/project-files.js';
import { effectOf } from './effect.js';
import { librarySettings, sameWord } from './library-setting.js';
import { readRequested } from './requested.js';
import { TreeSearch } from './search.js';

const project = tempProjects('library-setting');
const searchOf = (root: string) => new TreeSearch(root, projectFiles(root), inventory(root));

/**
 * A Go tool written for this test: a printer that writes YAML through a declared library's encoder, and
 * JSON through the standard library's; a flag sets the indent both use.
 */
const GO: Record<string, string> = {
  'go.mod': 'module example.com/shelfy\n\ngo 1.21\n\nrequire example.com/yamlkit v1.2.0\n',
  'cmd/root.go': `package cmd

import "github.com/spf13/cobra"

var indent = 2

func New() *cobra.Command {
	c := &cobra.Command{Use: "shelfy"}
	c.Flags().IntVarP(&indent, "indent", "I", 2, "spaces per level in the output")
	c.Flags().BoolVar(&colors, "colors", false, "colour the output")
	return c
}
`,
  'printer/yaml_printer.go': `package printer

import (
	"io"

	"example.com/yamlkit"
)

type Prefs struct {
	Indent int
}

func (p *Prefs) Write(w io.Writer, v any) error {
	enc := yamlkit.NewEncoder(w)
	enc.SetIndent(p.Indent)
	return enc.Encode(v)
}
`,
  'printer/json_printer.go': `package printer

import (
	"encoding/json"
	"io"
)

func WriteJSON(w io.Writer, v any, prefs Prefs) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
`,
};

describe('where a library object is set by a word of the request', () => {
  it('a word and its other forms: "indentation" is `indent`, "wrapping" is `wrap`; not a mere shared start', () => {
    expect(sameWord('indentation', 'indent')).toBe(true);
    expect(sameWord('wrapping', 'wrap')).toBe(true);
    expect(sameWord('indentation', 'index')).toBe(false);
  });

  it('Go: the setter of an encoder the function builds from a declared module, not the standard library’s', () => {
    const at = librarySettings(searchOf(project(GO)), ['compact', 'list', 'indentation']);
    expect(at).toEqual([
      expect.objectContaining({
        file: 'printer/yaml_printer.go',
        line: 15,
        symbol: 'Write',
        sure: true,
        why: '`enc.SetIndent(…)` sets the library\'s "indent" on the object of `yamlkit.NewEncoder` (example.com/yamlkit, declared at go.mod:5): "indentation" in the request takes effect there',
      }),
    ]);
  });

  it('two such places: the one in a file named for a word of the request is sure, the other a candidate', () => {
    const root = project({
      ...GO,
      'go.mod': `${GO['go.mod']}require example.com/fastjson v0.4.0\n`,
      'printer/json_printer.go': GO['printer/json_printer.go']!.replace(
        '"encoding/json"',
        'json "example.com/fastjson"',
      ),
    });
    const at = librarySettings(
      searchOf(root),
      ['compact', 'indentation'],
      ['yaml', 'compact', 'indentation'],
    );
    expect(at.map((p) => [p.file, p.sure])).toEqual([
      ['printer/yaml_printer.go', true],
      ['printer/json_printer.go', false],
    ]);
    // Named by no word of the request, neither is sure.
    expect(librarySettings(searchOf(root), ['indentation']).map((p) => p.sure)).toEqual([false, false]);
  });

  it('a new flag with no word for the project’s code there takes effect at that call', () => {
    const root = project(GO);
    const requirement = 'Add a `--compact-list-indent` flag for compact list indentation';
    const effect = effectOf(searchOf(root), requirement, readRequested(requirement)!, {
      sibling: '--colors',
    });
    expect(effect?.at[0]).toMatchObject({ file: 'printer/yaml_printer.go', line: 15, sure: true });
  });

  it('a plain method of a common verb on a library object is what any value does: none', () => {
    const root = project({
      ...GO,
      'printer/yaml_printer.go': GO['printer/yaml_printer.go']!.replace(
        'enc.SetIndent(p.Indent)',
        'enc.Extend(p.Indent)',
      ),
    });
    expect(librarySettings(searchOf(root), ['extension'])).toEqual([]);
  });

  it('Rust: a field of a declared crate’s formatter written; a type of the project’s own is none', () => {
    const root = project({
      'Cargo.toml': '[package]\nname = "fetchy"\n\n[dependencies]\nprettyfmt = "0.3"\n',
      'src/formatting.rs': `use crate::printer::Printer;

pub fn json_formatter() -> prettyfmt::Formatter {
    let mut fmt = prettyfmt::Formatter::pretty();
    fmt.indent = String::from("    ");
    fmt
}

pub fn own_printer() -> Printer {
    let mut p = Printer::new();
    p.indent = 2;
    p
}
`,
      'src/printer.rs':
        'pub struct Printer { pub indent: usize }\nimpl Printer { pub fn new() -> Self { Printer { indent: 0 } } }\n',
    });
    expect(librarySettings(searchOf(root), ['json', 'indentation'])).toEqual([
      expect.objectContaining({ file: 'src/formatting.rs', line: 5, symbol: 'json_formatter', sure: true }),
    ]);
  });
});
