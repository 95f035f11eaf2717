package imagehash

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"testing"
)

// picture draws a deterministic scene: a gradient with rectangles and
// discs at places chosen by seed, like a screenshot or a photo of a notice.
func picture(seed uint64, w, h int) *image.RGBA {
	r := rand.New(rand.NewPCG(seed, seed))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	// The background differs per picture too: a gradient shared by all
	// would make unrelated pictures look alike.
	dx, dy, base := r.IntN(3)-1, r.IntN(3)-1, r.IntN(128)
	for y := range h {
		for x := range w {
			v := uint8(base + (dx*x*127/w+dy*y*127/h+127)/2)
			img.SetRGBA(x, y, color.RGBA{v, v / 2, 255 - v, 255})
		}
	}
	for range 12 {
		c := color.RGBA{uint8(r.IntN(256)), uint8(r.IntN(256)), uint8(r.IntN(256)), 255}
		x0, y0, rad := r.IntN(w), r.IntN(h), 10+r.IntN(w/5)
		disc := r.IntN(2) == 0
		for y := max(0, y0-rad); y < min(h, y0+rad); y++ {
			for x := max(0, x0-rad); x < min(w, x0+rad); x++ {
				if !disc || (x-x0)*(x-x0)+(y-y0)*(y-y0) < rad*rad {
					img.SetRGBA(x, y, c)
				}
			}
		}
	}
	return img
}

// shrink resizes by averaging 2×2 blocks, as a chat app's thumbnailer does.
func shrink(src image.Image) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
	for y := range b.Dy() / 2 {
		for x := range b.Dx() / 2 {
			var s [3]uint32
			for _, p := range [][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
				r, g, bl, _ := src.At(b.Min.X+2*x+p[0], b.Min.Y+2*y+p[1]).RGBA()
				s[0], s[1], s[2] = s[0]+r, s[1]+g, s[2]+bl
			}
			dst.Set(x, y, color.RGBA64{uint16(s[0] / 4), uint16(s[1] / 4), uint16(s[2] / 4), 0xffff})
		}
	}
	return dst
}

func roundTrip(t *testing.T, img image.Image, enc func(*bytes.Buffer, image.Image) error) image.Image {
	t.Helper()
	var buf bytes.Buffer
	if err := enc(&buf, img); err != nil {
		t.Fatal(err)
	}
	out, _, err := image.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDHash(t *testing.T) {
	jpegQ := func(q int) func(*bytes.Buffer, image.Image) error {
		return func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, &jpeg.Options{Quality: q}) }
	}
	pngEnc := func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }
	gifEnc := func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) }
	for seed := range uint64(8) {
		orig := picture(seed, 320, 240)
		h := DHash(roundTrip(t, orig, jpegQ(92)))
		if d := Distance(h, DHash(roundTrip(t, orig, pngEnc))); d > 2 {
			t.Errorf("seed %d: PNG vs JPEG 92 distance %d", seed, d)
		}
		// Re-encoded at another quality and resized, as reposting does.
		small := roundTrip(t, shrink(roundTrip(t, orig, jpegQ(92))), jpegQ(40))
		if d := Distance(h, DHash(small)); d > 6 {
			t.Errorf("seed %d: resized JPEG 40 distance %d, want ≤ 6", seed, d)
		}
		if d := Distance(h, DHash(roundTrip(t, orig, gifEnc))); d > 6 {
			t.Errorf("seed %d: GIF distance %d, want ≤ 6", seed, d)
		}
		other := DHash(roundTrip(t, picture(seed+100, 320, 240), jpegQ(92)))
		if d := Distance(h, other); d <= 20 {
			t.Errorf("seed %d: a different picture is at distance %d, want > 20", seed, d)
		}
	}
}

func TestParse(t *testing.T) {
	h := DHash(picture(1, 90, 80))
	if p, err := Parse(h.String()); err != nil || p != h {
		t.Errorf("Parse(%s) = %v, %v", h, p, err)
	}
	for _, s := range []string{"", "12", "zzzzzzzzzzzzzzzz", "00000000000000000"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) accepted", s)
		}
	}
}
