package openai

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzDecodeChatRequest: no body panics the decoder, and an accepted request
// converts to a text request that the api package accepts as well-formed.
func FuzzDecodeChatRequest(f *testing.F) {
	f.Add(`{"model":"m","messages":[{"role":"user","content":"hi"}]}`)
	f.Add(`{"messages":[{"role":"system","content":[{"type":"text","text":"be brief"}]},{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true},"stop":"\n","seed":7,"temperature":0.2,"top_p":0.9,"max_tokens":5}`)
	f.Add(`{"messages":[{"role":"user","content":"x"}],"stop":["a","b"],"n":1,"max_completion_tokens":3}`)
	f.Add(`{"messages":[{"role":"user","content":{"a":1}}]}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, body string) {
		req, err := DecodeChatRequest(strings.NewReader(body))
		if err != nil {
			if _, ok := err.(*RequestError); !ok {
				t.Fatalf("error %v is not a RequestError", err)
			}
			return
		}
		tr := req.TextRequest()
		if len(tr.Messages) == 0 || tr.Sampling.Validate() != nil || tr.MaxTokens < 0 || len(tr.Stop) > 4 {
			t.Fatalf("accepted %s as %+v", body, tr)
		}
		if _, err := json.Marshal(req); err != nil {
			t.Fatal(err)
		}
	})
}
