import { type DocumentNode, getOperationAST, Kind, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const SUBMISSIONS = new Set(['submitEnrolment', 'submitEnrolments']);

/**
 * A submission is answered whole or not at all. GraphQL would null the nullable `enrolment` of
 * an item whose answer failed below it (a read after the commit, on a connection that just
 * dropped), leaving an item with neither an enrolment nor a userError: a counted submission
 * that looks like nothing. Any error under a submission field fails the operation instead, as
 * a non-null `enrolment` would, so the client sends the same keys again (API.md).
 */
export const submissionsAnsweredWhole: Plugin = {
  onExecute({ args }) {
    return submissionKeysOf(args.document, args.operationName).size > 0 ? answeredWhole : undefined;
  },
};

const answeredWhole: ReturnType<NonNullable<Plugin['onExecute']>> = {
  onExecuteDone({ args, result, setResult }) {
    if (Symbol.asyncIterator in result) return;
    const keys = submissionKeysOf(args.document, args.operationName);
    if (result.errors?.some((error) => keys.has(String(error.path?.[0])))) {
      setResult({ ...result, data: null });
    }
  },
};

/**
 * Yoga's parser cache hands the same document object to every request with the same text: its
 * submission keys are found once per document and operation, not on every submission.
 */
const keysByDocument = new WeakMap<DocumentNode, Map<string, ReadonlySet<string>>>();
const NONE: ReadonlySet<string> = new Set();

function submissionKeysOf(document: DocumentNode, operationName?: string | null): ReadonlySet<string> {
  let byOperation = keysByDocument.get(document);
  if (!byOperation) {
    byOperation = new Map();
    keysByDocument.set(document, byOperation);
  }
  const name = operationName ?? '';
  let keys = byOperation.get(name);
  if (!keys) {
    const operation = getOperationAST(document, operationName);
    keys = operation?.operation === 'mutation' ? submissionKeys(document, operation.selectionSet) : NONE;
    byOperation.set(name, keys);
  }
  return keys;
}

/** The response keys (aliases or names) of the submission fields at the operation's root. */
function submissionKeys(document: DocumentNode, root: SelectionSetNode): Set<string> {
  const keys = new Set<string>();
  const visit = (selectionSet: SelectionSetNode, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (SUBMISSIONS.has(selection.name.value)) keys.add(selection.alias?.value ?? selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, seen);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = document.definitions.find(
          (definition) =>
            definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value,
        );
        if (fragment?.kind === Kind.FRAGMENT_DEFINITION) visit(fragment.selectionSet, seen);
      }
    }
  };
  visit(root, new Set());
  return keys;
}
