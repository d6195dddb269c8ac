#!/bin/sh
# Box AI's curl examples: the -d body is checked and completed like any override.
curl -L -X POST "https://api.box.com/2.0/ai/ask" \
  -H "authorization: Bearer $BOX_TOKEN" \
  -H 'content-type: application/json' \
  -d '{
    "mode": "single_item_qa",
    "prompt": "Which parties signed this contract?",
    "items": [{"id": "123456789", "type": "file"}],
    "ai_agent": {
      "type": "ai_agent_ask",
      "basic_text": {"model": "aws__claude_3_7_sonnet"}
    }
  }'
