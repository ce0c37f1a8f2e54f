import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { repoRoot } from '../src/config/config';

/**
 * One operation of the web app's documents (apps/web/app/graphql/*.graphql, ADR 015) as the
 * generated document sends it: the operation and every fragment it spreads, however deep
 * (ReplySlices spreads DeeperReplies, which spreads PostFields).
 */
export function webOperation(name: string, file = 'posts.graphql'): string {
  const document = parse(fs.readFileSync(path.join(repoRoot, 'apps/web/app/graphql', file), 'utf8'));
  const operation = document.definitions.find((d: DefinitionNode) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
  if (!operation) throw new Error(`No operation ${name} in ${file}.`);
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d] as const),
  );
  const texts = [print(operation)];
  const included = new Set<string>();
  for (let i = 0; i < texts.length; i++) {
    for (const [, spread] of texts[i].matchAll(/\.\.\.([_A-Za-z]\w*)/g)) {
      const fragment = fragments.get(spread);
      if (!fragment || included.has(spread)) continue;
      included.add(spread);
      texts.push(print(fragment));
    }
  }
  return texts.join('\n');
}
