import { Argument, Command, type Option } from 'commander';
import { SUPPORTED_CHART_VERSIONS } from '../api/init.js';
import { renderTemplate } from '../util/templates.js';
import type { CliIo } from './io.js';
import { packageVersion } from './package-version.js';

/**
 * `temporal-auth completion bash|zsh|fish`: a completion script for the shell, made from the
 * commands and options commander has registered (main.ts registers them all for this command),
 * so a new option completes without editing a script. The scripts are templates
 * (templates/completion/*.hbs); what differs between shells is the quoting, done here.
 */

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

/** What completes after an option or in an argument's place. */
type ValueKind = { kind: 'file' } | { kind: 'dir' } | { kind: 'choices'; choices: readonly string[] } | { kind: 'text' };

interface OptionInfo {
  long?: string;
  short?: string;
  description: string;
  /** Undefined: a flag that takes no value. */
  value?: ValueKind;
}

interface CommandInfo {
  name: string;
  description: string;
  options: OptionInfo[];
  /** What the positional arguments complete to (files for a spec or a log). */
  argument?: ValueKind;
}

// A value placeholder that names a file or a folder: `--values <file>`, `--kubeconfig <path>`, `--out <dir>`.
const FILE_PLACEHOLDER = /^(file|path|specs?)$/;
const DIR_PLACEHOLDER = /^dir$/;

function valueKind(placeholder: string | undefined, choices: readonly string[] | undefined): ValueKind {
  if (choices?.length) return { kind: 'choices', choices };
  if (placeholder && DIR_PLACEHOLDER.test(placeholder)) return { kind: 'dir' };
  if (placeholder && FILE_PLACEHOLDER.test(placeholder)) return { kind: 'file' };
  return { kind: 'text' };
}

/** The first sentence of a description, on one line: what a completion menu shows. */
function brief(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const end = line.search(/[.;:]\s|\s\(/);
  return (end > 0 ? line.slice(0, end) : line).replace(/[.:;]$/, '');
}

function optionInfo(o: Option): OptionInfo | undefined {
  if (o.hidden) return undefined;
  const placeholder = /[<[]([\w-]+)(?:\.\.\.)?[>\]]/.exec(o.flags)?.[1];
  const takesValue = o.required || o.optional;
  // --chart-version takes any text where a command reports an unknown version itself; it completes to the supported ones.
  const choices = o.argChoices ?? (o.long === '--chart-version' ? SUPPORTED_CHART_VERSIONS : undefined);
  return { long: o.long, short: o.short, description: brief(o.description), value: takesValue ? valueKind(placeholder, choices) : undefined };
}

function argumentKind(args: readonly Argument[]): ValueKind | undefined {
  const a = args[0];
  return a ? valueKind(a.name(), a.argChoices) : undefined;
}

const HELP: OptionInfo = { long: '--help', short: '-h', description: 'display help for command' };

/** The command tree as the scripts need it. */
export function completionTree(program: Command): { commands: CommandInfo[]; global: OptionInfo[] } {
  const commands = program.commands.map((c) => ({
    name: c.name(),
    description: brief(c.description()),
    options: [...c.options.map(optionInfo).filter((o): o is OptionInfo => o !== undefined), HELP],
    argument: argumentKind(c.registeredArguments),
  }));
  return { commands, global: [...program.options.map(optionInfo).filter((o): o is OptionInfo => o !== undefined), HELP] };
}

// ---------------------------------------------------------------------------------------------
// Quoting, per shell. Everything that reaches a script passes through one of these.

/** A bash single-quoted word. */
const bashQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
/** A fish single-quoted word: \\ and \' are the only escapes there. */
const fishQuote = (s: string) => `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;
/** Text inside a zsh _arguments [description] or a _describe entry: brackets and colons are syntax there. */
const zshText = (s: string) => s.replace(/[[\]:\\]/g, (c) => `\\${c}`);
/** A zsh single-quoted word. */
const zshQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function zshAction(v: ValueKind): string {
  switch (v.kind) {
    case 'file':
      return '_files';
    case 'dir':
      return '_files -/';
    case 'choices':
      return `(${v.choices.map((c) => c.replace(/[\\ ()]/g, (x) => `\\${x}`)).join(' ')})`;
    case 'text':
      return ' ';
  }
}

function zshSpecs(options: readonly OptionInfo[]): string[] {
  return options.map((o) => {
    const names = [o.short, o.long].filter((n): n is string => n !== undefined);
    const exclusive = names.length > 1 ? `(${names.join(' ')})` : '';
    const value = o.value ? `:${o.value.kind === 'text' ? 'value' : o.value.kind}:${zshAction(o.value)}` : '';
    const spec = (n: string) => zshQuote(`${exclusive}${n}[${zshText(o.description)}]${value}`);
    return names.map(spec).join(' ');
  });
}

function view(shell: Shell, tree: ReturnType<typeof completionTree>, version: string) {
  const words = (options: readonly OptionInfo[]) => options.flatMap((o) => [o.short, o.long].filter((n): n is string => n !== undefined));
  const commands = tree.commands.map((c) => ({
    name: c.name,
    // bash: the options that take a value, as case patterns, and what completes after each.
    valueOptions: c.options
      .filter((o) => o.value)
      .map((o) => ({
        pattern: words([o]).join('|'),
        choices: o.value?.kind === 'choices' ? bashQuote(o.value.choices.join(' ')) : undefined,
        file: o.value?.kind === 'file',
        dir: o.value?.kind === 'dir',
      })),
    words: bashQuote(words(c.options).join(' ')),
    argumentFiles: c.argument?.kind === 'file',
    argumentChoices: c.argument?.kind === 'choices' ? bashQuote(c.argument.choices.join(' ')) : undefined,
    fishArgumentChoices: c.argument?.kind === 'choices' ? fishQuote(c.argument.choices.join(' ')) : undefined,
    // fish
    fishDescription: fishQuote(c.description),
    fishOptions: c.options.map((o) => ({
      long: o.long ? ` -l ${o.long.slice(2)}` : '',
      short: o.short ? ` -s ${o.short.slice(1)}` : '',
      value: !o.value ? '' : o.value.kind === 'choices' ? ` -x -a ${fishQuote(o.value.choices.join(' '))}` : o.value.kind === 'text' ? ' -x' : ' -r -F',
      description: fishQuote(o.description),
    })),
    // zsh
    zshEntry: zshQuote(`${c.name}:${zshText(c.description)}`),
    zshSpecs: [...zshSpecs(c.options), ...(c.argument ? [zshQuote(`*:${c.argument.kind === 'choices' ? 'argument' : c.argument.kind}:${zshAction(c.argument)}`)] : [])].join(' \\\n          '),
  }));
  return {
    shell,
    version,
    commands,
    commandWords: bashQuote([...tree.commands.map((c) => c.name), ...words(tree.global)].join(' ')),
    zshGlobal: zshSpecs(tree.global).join(' '),
    fishGlobal: tree.global.map((o) => ({ long: o.long ? ` -l ${o.long.slice(2)}` : '', short: o.short ? ` -s ${o.short.slice(1)}` : '', description: fishQuote(o.description) })),
  };
}

export function completionCommand(io: CliIo): Command {
  return new Command('completion')
    .description('Print a shell completion script for bash, zsh or fish.')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELLS))
    .addHelpText(
      'after',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: zsh's own ${fpath[1]}, printed for the user to type
      '\nInstall (one of):\n  temporal-auth completion bash > ~/.local/share/bash-completion/completions/temporal-auth\n  temporal-auth completion zsh > "${fpath[1]}/_temporal-auth"\n  temporal-auth completion fish > ~/.config/fish/completions/temporal-auth.fish\nor for this shell only: source <(temporal-auth completion bash)\n',
    )
    .action(async (shell: Shell, _opts: unknown, cmd: Command) => {
      io.stdout(await renderTemplate(`completion/${shell}`, view(shell, completionTree(cmd.parent ?? cmd), packageVersion())));
    });
}
