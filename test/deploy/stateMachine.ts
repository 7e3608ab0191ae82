/**
 * Runs an Amazon States Language definition as Step Functions would, for
 * the subset the evaluation round uses: Task (lambda:invoke with
 * Parameters, ResultSelector, OutputPath, Catch), inline Map (ItemsPath,
 * ItemSelector, ResultPath) and Pass (Parameters). Paths are plain dotted
 * JSONPath (`$`, `$.a.b`, `$$.Map.Item.Value`). Retries are left out: a
 * retried call gives the same result here.
 */

type Json = unknown;
type Invoke = (payload: Json) => Promise<Json>;

interface TaskError extends Error {
  /** The error name Step Functions reports as `Error`. */
  name: string;
}

const at = (value: Json, path: string): Json => {
  if (path === '$') return value;
  return path
    .replace(/^\$\./, '')
    .split('.')
    .reduce<Json>((v, key) => {
      if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) {
        throw new Error(`no ${path} in ${JSON.stringify(value)}`);
      }
      return (v as Record<string, Json>)[key];
    }, value);
};

/** Resolves a Parameters-style template: keys ending in `.$` are paths. */
const resolve = (template: Json, input: Json, context: Json): Json => {
  if (typeof template !== 'object' || template === null) return template;
  if (Array.isArray(template)) {
    return template.map((t) => resolve(t, input, context));
  }
  return Object.fromEntries(
    Object.entries(template).map(([key, value]) => {
      if (!key.endsWith('.$')) return [key, resolve(value, input, context)];
      const path = String(value);
      return [
        key.slice(0, -2),
        path.startsWith('$$.')
          ? at(context, `$.${path.slice(3)}`)
          : at(input, path),
      ];
    })
  );
};

const withResult = (input: Json, path: string, result: Json): Json => {
  const key = path.replace(/^\$\./, '');
  return { ...(input as Record<string, Json>), [key]: result };
};

interface State {
  Type: 'Task' | 'Map' | 'Pass';
  Parameters?: Json;
  ResultSelector?: Json;
  OutputPath?: string;
  ResultPath?: string;
  ItemsPath?: string;
  ItemSelector?: Json;
  ItemProcessor?: Machine;
  Catch?: { ErrorEquals: string[]; ResultPath: string; Next: string }[];
  Next?: string;
  End?: boolean;
}

interface Machine {
  StartAt: string;
  States: Record<string, State>;
}

/** The state after `state` when it succeeds; undefined at the end. */
const following = (state: State): string | undefined =>
  state.End === true ? undefined : state.Next;

const runState = async (
  state: State,
  input: Json,
  context: Json,
  invoke: Invoke
): Promise<{ output: Json; next?: string }> => {
  const params = resolve(state.Parameters, input, context) as
    | Record<string, Json>
    | undefined;
  switch (state.Type) {
    case 'Pass':
      return { output: params ?? input, next: following(state) };
    case 'Task': {
      let result: Json;
      try {
        result = { Payload: await invoke(params?.Payload) };
      } catch (error) {
        const caught = state.Catch?.find((c) =>
          c.ErrorEquals.includes('States.ALL')
        );
        if (caught === undefined) throw error;
        const { name, message } = error as TaskError;
        return {
          output: withResult(input, caught.ResultPath, {
            Error: name,
            Cause: message,
          }),
          next: caught.Next,
        };
      }
      const selected =
        state.ResultSelector === undefined
          ? result
          : resolve(state.ResultSelector, result, context);
      const output =
        state.OutputPath === undefined
          ? selected
          : at(selected, state.OutputPath);
      return { output, next: following(state) };
    }
    case 'Map': {
      const items = at(input, state.ItemsPath ?? '$') as Json[];
      const processor = state.ItemProcessor;
      if (processor === undefined)
        throw new Error('a Map without ItemProcessor');
      const results = await Promise.all(
        items.map((value, index) =>
          runMachine(
            processor,
            resolve(state.ItemSelector, input, {
              Map: { Item: { Value: value, Index: index } },
            }),
            invoke
          )
        )
      );
      return {
        output: withResult(input, state.ResultPath ?? '$', results),
        next: following(state),
      };
    }
  }
};

/** Runs `machine` on `input`, every Task invoking `invoke`; returns its output. */
const runMachine = async (
  machine: Machine,
  input: Json,
  invoke: Invoke
): Promise<Json> => {
  let name: string | undefined = machine.StartAt;
  let value = input;
  while (name !== undefined) {
    const state: State | undefined = machine.States[name];
    if (state === undefined) throw new Error(`no state ${name}`);
    const { output, next } = await runState(state, value, {}, invoke);
    value = output;
    name = next;
  }
  return value;
};

export type { Machine };
export { runMachine };
