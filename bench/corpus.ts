// Reproducible benchmark documents: Box AI request bodies and SDK code, repeated to a target size.
import { lineTurns } from '../src/worker/protocol';

/** One request body with an override. */
const JSON_UNIT = JSON.stringify(
  {
    prompt: 'Summarise the contract and list every party with their obligations.',
    items: [{ id: '123456789', type: 'file' }],
    ai_agent: {
      type: 'ai_agent_ask',
      basic_text: { model: 'aws__claude_3_7_sonnet', num_tokens_for_completion: 8000, llm_endpoint_params: { type: 'aws_params', temperature: 0.2 } },
      long_text: { model: 'google__gemini_2_5_pro', embeddings: { model: 'azure__openai__text_embedding_ada_002', strategy: { id: 'basic', num_tokens_per_chunk: 64 } } },
    },
  },
  null,
  2,
);

/**
 * `head`, then `unit(0)`, `unit(1)` … until the text is at least `size` long, then `tail`, joined once:
 * the text is flat, as a document's text is. (A string grown with `+=` is a rope, which V8 copies whole
 * at its first slice, inside whatever is being timed: 19–21 ms for 5 MB here.)
 */
function repeatedTo(size: number, head: string, unit: (i: number) => string, tail = ''): string {
  const parts = [head];
  for (let i = 0, length = head.length; length < size; i++) {
    const next = unit(i);
    parts.push(next);
    length += next.length;
  }
  parts.push(tail);
  return parts.join('');
}

export function jsonCorpus(size: number): string {
  return repeatedTo(size, '[\n', () => `${JSON_UNIT},\n`, '{}\n]\n');
}

export function scriptCorpus(size: number): string {
  return repeatedTo(size, "import { BoxClient } from 'box-typescript-sdk-gen';\n\n", (i) => `${scriptUnit(i)}\n`);
}

/** One SDK call with an override. */
function scriptUnit(i: number): string {
  return `/** Asks question ${i} about a file. */
export async function ask${i}(client: BoxClient, fileId: string): Promise<string> {
  const prompt = \`Question ${i} about \${fileId}: what changed?\`; // a comment with model: 'x'
  const response = await client.ai.createAiAsk({
    mode: 'single_item_qa',
    prompt,
    items: [{ id: fileId, type: 'file' }],
    aiAgent: { type: 'ai_agent_ask', basicText: { model: 'aws__claude_3_7_sonnet' }, longText: { embeddings: { model: 'azure__openai__text_embedding_ada_002' } } },
  });
  return response.answer.replace(/\\s+/g, ' ') + String(${i} / 2);
}
`;
}

export function pythonCorpus(size: number): string {
  const head = 'from box_sdk_gen import AiAgentAsk, AiAgentBasicTextTool, AiAgentLongTextTool, AiAgentLongTextToolEmbeddingsField, BoxClient\n\n';
  return repeatedTo(size, head, (i) => `def ask_${i}(client: BoxClient, file_id: str) -> str:
    # a comment with model="x"
    prompt = f"Question ${i} about {file_id}: what changed?"
    agent = AiAgentAsk(
        basic_text=AiAgentBasicTextTool(model="aws__claude_3_7_sonnet", num_tokens_for_completion=8000),
        long_text=AiAgentLongTextTool(embeddings=AiAgentLongTextToolEmbeddingsField(model="azure__openai__text_embedding_ada_002")),
    )
    response = client.ai.create_ai_ask(mode="single_item_qa", prompt=prompt, items=[{"id": file_id, "type": "file"}], ai_agent=agent)
    return response.answer.strip()

`);
}

export function yamlCorpus(size: number): string {
  return repeatedTo(size, 'requests:\n', (i) => `  - name: ask-${i}
    prompt: "Summarise contract ${i} and list every party."
    ai_agent:
      type: ai_agent_ask
      basic_text:
        model: aws__claude_3_7_sonnet
        num_tokens_for_completion: 8000
        llm_endpoint_params: { type: aws_params, temperature: 0.2 }
      long_text:
        model: google__gemini_2_5_pro
        embeddings:
          model: azure__openai__text_embedding_ada_002
          strategy: { id: basic, num_tokens_per_chunk: 64 }
`);
}

/** A guide: prose, with a JSON request body and a TypeScript call in fences, in turn. */
export function markdownCorpus(size: number): string {
  return repeatedTo(
    size,
    '# Box AI overrides\n\n',
    (i) => `## Example ${i}\n\n${PROSE[i % PROSE.length]}\n\n${i % 2 ? `\`\`\`json\n${JSON_UNIT}\n\`\`\`` : `\`\`\`ts\n${scriptUnit(i)}\`\`\``}\n\n`,
  );
}

const PROSE = [
  'The supplier shall deliver the services described in Schedule A with reasonable skill and care, and shall notify the customer in writing of any delay within five business days.',
  'Either party may terminate this agreement for convenience on ninety (90) days\' written notice; fees paid in advance for the remaining term are refunded pro rata.',
  'Les parties conviennent que le présent contrat est régi par le droit français. Die Haftung ist auf den Auftragswert begrenzt. 本契約は日本法に準拠する。',
  'Q3 revenue rose 12.4% to $48,210,000 while operating costs fell; see table 7 (p. 31) for the breakdown by region — EMEA, APAC and the Americas. 🚀',
];

/**
 * Mixed text for the token counter: prose (some of it not English), SDK code and JSON request
 * bodies in turn, with now and then a byte-order mark where files were concatenated. Deterministic.
 */
export function mixedCorpus(size: number): string {
  const code = scriptCorpus(8 * 1024);
  const json = jsonCorpus(8 * 1024);
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const part =
      i % 3 === 0 ? `${PROSE.map((_, j) => PROSE[(i + j) % PROSE.length]).join('\n\n')}\n\n`
      : i % 3 === 1 ? code.slice((i * 997) % 4096, ((i * 997) % 4096) + 3000)
      : json.slice((i * 577) % 4096, ((i * 577) % 4096) + 2500);
    const withMark = i % 40 === 39 ? `\ufeff${part}` : part;
    parts.push(withMark);
    length += withMark.length;
  }
  return parts.join('\n').slice(0, size);
}

/** What a document of this text goes to a worker as, message by message: its lines and line breaks (lineTurns), as the extension host sends it. */
export function sentAsLines(text: string): string[][] {
  const lines = text.split('\n');
  return [...lineTurns(lines.length, (line) => lines[line], '\n')].flat();
}
