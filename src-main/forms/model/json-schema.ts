import { z } from 'zod';
import { Bundle } from './bundle';
import { Template } from './template';

// JSON Schemas for editors (VS Code validates and completes templates/*.json through their "$schema" key).
// "input" mode: properties with defaults are optional, as an author writes them.

export function templateJsonSchema(): object {
  return { ...z.toJSONSchema(Template, { io: 'input', target: 'draft-2020-12' }), title: 'Kakanai form template' };
}

export function bundleJsonSchema(): object {
  return { ...z.toJSONSchema(Bundle, { io: 'input', target: 'draft-2020-12' }), title: 'Kakanai life-event bundle' };
}

/** The files under templates/schema/, as they must read byte for byte. */
export function schemaFiles(): Record<string, string> {
  return {
    'template.schema.json': JSON.stringify(templateJsonSchema(), null, 2) + '\n',
    'bundle.schema.json': JSON.stringify(bundleJsonSchema(), null, 2) + '\n',
  };
}
