// Templates compiled once per process and shared by every Nunjucks environment in it. Each app
// has its own environment (its globals close over its own assets), and an environment compiles
// every template it renders on first use, GOV.UK's large component macros included: a process that
// builds the app many times over (each test file does, dozens of times) spent a quarter of a second
// an app recompiling the same files. Compiling is a pure function of a file's text and the options,
// so the compiled code is kept by path and used again while the text is unchanged.
import nunjucks from 'nunjucks'

type Compiled = { text: string; code: Record<string, unknown> }
type CompileOptions = { autoescape?: boolean; throwOnUndefined?: boolean; trimBlocks?: boolean; lstripBlocks?: boolean }
/** Nunjucks' compiler, which its type definitions leave out. */
const compiler = (
  nunjucks as unknown as {
    compiler: {
      compile(
        text: string,
        asyncFilters: string[],
        extensions: unknown[],
        name: string,
        options: CompileOptions,
      ): string
    }
  }
).compiler

const compiled = new Map<string, Compiled>()

export class CompiledTemplateLoader extends nunjucks.FileSystemLoader {
  private readonly compileOptions: CompileOptions

  constructor(directories: string[], compileOptions: CompileOptions) {
    super(directories, { noCache: false })
    this.compileOptions = compileOptions
    // The environment keeps each template it made here; it gives this to the loaders it makes itself.
    ;(this as unknown as { cache: Record<string, unknown> }).cache = {}
  }

  override getSource(name: string): nunjucks.LoaderSource {
    const source = super.getSource(name)
    // No such file, or (in the types' words) nothing more to do here.
    if (!source || typeof source.src !== 'string') return source
    const key = `${JSON.stringify(this.compileOptions)}\n${source.path}`
    let kept = compiled.get(key)
    if (kept?.text !== source.src) {
      const code = compiler.compile(source.src, [], [], source.path, this.compileOptions)
      kept = { text: source.src, code: new Function(code)() as Record<string, unknown> }
      compiled.set(key, kept)
    }
    return { ...source, src: { type: 'code', obj: kept.code } } as unknown as nunjucks.LoaderSource
  }
}
