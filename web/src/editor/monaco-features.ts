// The editor features the playground offers, instead of Monaco's register.all (about seventy:
// diff editor, sticky scroll, inlay hints, colour picker, command palette...). Fewer modules to
// parse and run before the editor shows (issue 8: page open → editor interactive). What stays:
// editing a worker file with TypeScript's help (completions, signatures, hovers with the
// markers' messages, quick navigation between errors) and the usual keyboard editing.
import "monaco-editor/features/codicon/register";
import "monaco-editor/features/codeEditor/register";
import "monaco-editor/features/clipboard/register";
import "monaco-editor/features/contextmenu/register";
import "monaco-editor/features/cursorUndo/register";
import "monaco-editor/features/find/register";
import "monaco-editor/features/folding/register";
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/comment/register";
import "monaco-editor/features/multicursor/register";
import "monaco-editor/features/linesOperations/register";
import "monaco-editor/features/wordOperations/register";
import "monaco-editor/features/indentation/register";
import "monaco-editor/features/smartSelect/register";
import "monaco-editor/features/wordHighlighter/register";
import "monaco-editor/features/hover/register";
import "monaco-editor/features/gotoError/register";
import "monaco-editor/features/parameterHints/register";
import "monaco-editor/features/format/register";
import "monaco-editor/features/snippet/register";
import "monaco-editor/features/toggleTabFocusMode/register";
// What a learner reaches for by habit from VS Code, and what a multi-module worker needs:
// go to line (Ctrl+G), the command palette (F1), go to definition and references across the
// worker's modules, rename (F2) and TypeScript's quick fixes.
import "monaco-editor/features/gotoLine/register";
import "monaco-editor/features/quickCommand/register";
import "monaco-editor/features/gotoSymbol/register";
import "monaco-editor/features/referenceSearch/register";
import "monaco-editor/features/rename/register";
import "monaco-editor/features/codeAction/register";
// Monaco registers the suggest widget's controller only through inline completions (not kept):
// the completions list is this contribution.
import "monaco-editor/editor/contrib/suggest/browser/suggestController";
