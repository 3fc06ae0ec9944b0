import { customAlphabet } from 'nanoid';

// Journey and node ids end up in URLs, Temporal workflow ids and logs: lower case and digits
// read well there and satisfy the schema's [A-Za-z0-9_-] rule.
const random = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', 8);

export function newJourneyId(): string {
  return `j-${random()}`;
}

/** `message.send` → `message-send-x3k9q2ab`: readable in problems and logs. */
export function newNodeId(nodeType: string): string {
  const prefix =
    nodeType
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'step';
  return `${prefix}-${random()}`;
}
