package web

import (
	"bytes"
	"encoding/json"
	"time"

	"qinglang/internal/debunk"
	"qinglang/internal/rumor"
)

// schema.org ClaimReview (https://schema.org/ClaimReview) for each claim
// an article reviews, so search engines and fact-check aggregators can
// show the center's verdict next to the claim.

// verdictRatings places each verdict on the 1 (false) to 5 (true) scale
// fact-checkers use; "unverified" sits in the middle, neither side.
var verdictRatings = map[string]int{"rumor": 1, "false": 1, "misleading": 2, "unverified": 3, "true": 5}

type ldClaimReview struct {
	Context       string   `json:"@context"`
	Type          string   `json:"@type"`
	URL           string   `json:"url"`
	ClaimReviewed string   `json:"claimReviewed"`
	DatePublished string   `json:"datePublished"`
	DateModified  string   `json:"dateModified,omitempty"`
	Headline      string   `json:"headline,omitempty"`
	Author        ldOrg    `json:"author"`
	ReviewRating  ldRating `json:"reviewRating"`
	ItemReviewed  ldClaim  `json:"itemReviewed"`
}

type ldOrg struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

type ldRating struct {
	Type          string `json:"@type"`
	RatingValue   int    `json:"ratingValue"`
	BestRating    int    `json:"bestRating"`
	WorstRating   int    `json:"worstRating"`
	AlternateName string `json:"alternateName"`
}

type ldClaim struct {
	Type          string `json:"@type"`
	DatePublished string `json:"datePublished,omitempty"` // when the claim was first seen, if known
}

// claimReviewJSON is the JSON-LD of an article: an array with one
// ClaimReview per claim. json.Marshal escapes <, > and &, so the result
// is safe inside a <script> element.
// firstSeen holds when the monitoring first saw each linked rumor: the
// claim's earliest known appearance.
func claimReviewJSON(a *debunk.Article, pageURL, siteURL, center string, firstSeen map[int64]time.Time) ([]byte, error) {
	published := a.UpdatedAt
	if a.PublishedAt != nil {
		published = *a.PublishedAt
	}
	var reviews []ldClaimReview
	for _, c := range a.Claims {
		rating, ok := verdictRatings[c.Verdict]
		if !ok {
			rating = 3
		}
		name := rumor.Verdict(c.Verdict).Label().Zh
		if name == "" {
			name = c.Verdict
		}
		cr := ldClaimReview{
			Context: "https://schema.org", Type: "ClaimReview", URL: pageURL,
			ClaimReviewed: c.Claim, DatePublished: published.UTC().Format(time.RFC3339), Headline: a.Title,
			Author:       ldOrg{Type: "Organization", Name: center, URL: siteURL + "/"},
			ReviewRating: ldRating{Type: "Rating", RatingValue: rating, BestRating: 5, WorstRating: 1, AlternateName: name},
			ItemReviewed: ldClaim{Type: "Claim"},
		}
		if a.CorrectedAt != nil {
			cr.DateModified = a.CorrectedAt.UTC().Format(time.RFC3339)
		}
		if c.RumorID != nil {
			if t, ok := firstSeen[*c.RumorID]; ok {
				cr.ItemReviewed.DatePublished = t.UTC().Format(time.RFC3339)
			}
		}
		reviews = append(reviews, cr)
	}
	if reviews == nil {
		reviews = []ldClaimReview{}
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(reviews); err != nil {
		return nil, err
	}
	return bytes.TrimSpace(b.Bytes()), nil
}
