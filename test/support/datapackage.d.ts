// The little of Frictionless Data's `datapackage` library the open-data tests use (it ships no types).
declare module 'datapackage' {
  export type DataResource = {
    name: string
    tabular: boolean
    read(options?: { keyed?: boolean; cast?: boolean; forceCast?: boolean }): Promise<unknown[]>
  }
  export type DataPackage = {
    valid: boolean
    errors: Error[]
    resources: DataResource[]
    descriptor: Record<string, unknown>
  }
  const dp: { Package: { load(descriptor: string | object, basePath?: string): Promise<DataPackage> } }
  export default dp
}
