// Hover a model id to see its card; put the cursor inside the quotes and press Ctrl+Space to change it.
import { BoxClient } from 'box-typescript-sdk-gen';

export const FALLBACK_MODEL = 'azure__openai__gpt_4_1_mini';

export async function ask(client: BoxClient, fileId: string): Promise<string | undefined> {
  const response = await client.ai.createAiAsk({
    mode: 'single_item_qa',
    prompt: 'Summarise this file in three bullet points.',
    items: [{ id: fileId, type: 'file' }],
    aiAgent: {
      type: 'ai_agent_ask',
      basicText: { model: 'openai__gpt_5_mini' },
      longText: { model: 'google__gemini_2_5_flash', embeddings: { model: 'azure__openai__text_embedding_ada_002' } },
    },
  });
  return response.answer;
}

export async function defaults(client: BoxClient) {
  return client.ai.getAiAgentDefaultConfig({ mode: 'ask', language: 'en', model: 'aws__claude_4_5_sonnet' });
}
