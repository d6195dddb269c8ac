// Reproducible benchmark documents: Box AI request bodies and SDK code, repeated to a target size.

export function jsonCorpus(size: number): string {
  const unit = JSON.stringify(
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
  let text = '[\n';
  while (text.length < size) text += `${unit},\n`;
  return `${text}{}\n]\n`;
}

export function scriptCorpus(size: number): string {
  let text = "import { BoxClient } from 'box-typescript-sdk-gen';\n\n";
  for (let i = 0; text.length < size; i++) {
    text += `/** Asks question ${i} about a file. */
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
  return text;
}
