# Hover a model id to see its card; inside the quotes, Ctrl+Space lists the models that fit the field.
# The last call has a mistake the editor points out before Box would answer 400: hover the squiggle.
from box_sdk_gen import AiAgentAsk, AiAgentBasicTextTool, AiAgentLongTextTool, AiAgentLongTextToolEmbeddingsField, BoxClient


def ask(client: BoxClient, file_id: str) -> str:
    agent = AiAgentAsk(
        type="ai_agent_ask",
        basic_text=AiAgentBasicTextTool(model="openai__gpt_5_mini", num_tokens_for_completion=4000),
        long_text=AiAgentLongTextTool(
            model="google__gemini_2_5_flash",
            embeddings=AiAgentLongTextToolEmbeddingsField(model="azure__openai__text_embedding_ada_002"),
        ),
    )
    response = client.ai.create_ai_ask(mode="single_item_qa", prompt="Summarise this file.", items=[{"id": file_id, "type": "file"}], ai_agent=agent)
    return response.answer


def summarise(client: BoxClient, file_id: str) -> str:
    body = {"ai_agent": {"type": "ai_agent_ask", "basic_text": {"model": "aws__claude_3_7_sonnet", "llm_endpoint_params": {"type": "openai_params"}}}}
    return client.ai.create_ai_ask(mode="single_item_qa", prompt="Summarise.", items=[{"id": file_id, "type": "file"}], ai_agent=body["ai_agent"]).answer
