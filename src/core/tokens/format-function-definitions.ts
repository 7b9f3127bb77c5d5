/**
 * OpenAI does not put tool JSON Schemas into the prompt as JSON: it renders them as a TypeScript
 * `namespace functions { … }` block. This reproduces that rendering as reverse-engineered by
 * hmarr/openai-chat-tokens, whose counts were checked against `usage.prompt_tokens`; keep its
 * quirks (descriptions only at the top two levels, an unindented closing brace for nested
 * objects) because they are what makes the counts match.
 */
import type { FunctionDefinition, JsonSchema } from './chat-request.ts';

/** The TypeScript text OpenAI renders for a list of function definitions. */
export function formatFunctionDefinitions(functions: readonly FunctionDefinition[]): string {
  const lines = ['namespace functions {', ''];
  for (const fn of functions) {
    if (fn.description) lines.push(`// ${fn.description}`);
    const parameters = fn.parameters;
    if (parameters?.properties && Object.keys(parameters.properties).length > 0) {
      lines.push(`type ${fn.name} = (_: {`);
      lines.push(formatObjectProperties(parameters, 0));
      lines.push('}) => any;');
    } else {
      lines.push(`type ${fn.name} = () => any;`);
    }
    lines.push('');
  }
  lines.push('} // namespace functions');
  return lines.join('\n');
}

function formatObjectProperties(schema: JsonSchema, indent: number): string {
  const lines: string[] = [];
  const required = schema.required ?? [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (property.description && indent < 2) lines.push(`// ${property.description}`);
    const optional = required.includes(name) ? '' : '?';
    lines.push(`${name}${optional}: ${formatType(property, indent)},`);
  }
  return lines.map((line) => ' '.repeat(indent) + line).join('\n');
}

function formatType(schema: JsonSchema, indent: number): string {
  if (schema.anyOf) return schema.anyOf.map((option) => formatType(option, indent)).join(' | ');
  switch (schema.type) {
    case 'string':
      return schema.enum ? schema.enum.map((value) => `"${String(value)}"`).join(' | ') : 'string';
    case 'number':
    case 'integer':
      return schema.enum ? schema.enum.map((value) => String(value)).join(' | ') : 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'object':
      return ['{', formatObjectProperties(schema, indent + 2), '}'].join('\n');
    case 'array':
      return schema.items ? `${formatType(schema.items, indent)}[]` : 'any[]';
    default:
      return 'any';
  }
}
