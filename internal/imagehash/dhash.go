// Package imagehash computes perceptual hashes of evidence images, so the
// same screenshot re-saved, recompressed or resized by a chat app joins the
// same cluster. Decoding is the caller's: register image/jpeg, image/png
// or image/gif and pass the decoded image.
package imagehash

import (
	"fmt"
	"image"
	"math/bits"
	"strconv"
)

// Hash is a 64-bit difference hash (dHash).
type Hash uint64

// samples is the most sample points taken per cell of the 9×8 grid along
// each axis: enough for an average that dithering (GIF) and JPEG noise do
// not sway, while a 12-megapixel photo costs no more than a small image.
const samples = 32

// DHash shrinks the image to 9×8 cells of average brightness and sets one
// bit per pair of horizontal neighbours: whether the left cell is brighter.
// Brightness gradients survive recompression, resizing and small colour
// shifts, which change pixels but not which of two regions is lighter;
// a different picture agrees on about half of the 64 bits.
func DHash(img image.Image) Hash {
	b := img.Bounds()
	if b.Empty() {
		return 0
	}
	lum := luminance(img)
	var cell [8][9]float64
	for cy := range 8 {
		y0, y1 := b.Min.Y+cy*b.Dy()/8, b.Min.Y+(cy+1)*b.Dy()/8
		for cx := range 9 {
			x0, x1 := b.Min.X+cx*b.Dx()/9, b.Min.X+(cx+1)*b.Dx()/9
			cell[cy][cx] = average(lum, x0, max(x1, x0+1), y0, max(y1, y0+1))
		}
	}
	var h Hash
	for y := range 8 {
		for x := range 8 {
			h <<= 1
			if cell[y][x] > cell[y][x+1] {
				h |= 1
			}
		}
	}
	return h
}

// average is the mean luminance over up to samples×samples points spread
// evenly over the rectangle [x0,x1)×[y0,y1).
func average(lum func(x, y int) float64, x0, x1, y0, y1 int) float64 {
	nx, ny := min(x1-x0, samples), min(y1-y0, samples)
	var sum float64
	for j := range ny {
		y := y0 + (2*j+1)*(y1-y0)/(2*ny)
		for i := range nx {
			sum += lum(x0+(2*i+1)*(x1-x0)/(2*nx), y)
		}
	}
	return sum / float64(nx*ny)
}

// luminance returns a function reading the brightness (0–65535) of a
// pixel; JPEG's Y plane and gray images are read directly, as their
// generic At allocates a color per pixel.
func luminance(img image.Image) func(x, y int) float64 {
	switch m := img.(type) {
	case *image.YCbCr:
		return func(x, y int) float64 { return float64(m.Y[m.YOffset(x, y)]) * 257 }
	case *image.Gray:
		return func(x, y int) float64 { return float64(m.Pix[m.PixOffset(x, y)]) * 257 }
	}
	return func(x, y int) float64 {
		r, g, b, _ := img.At(x, y).RGBA()
		// ITU-R BT.601 weights, the ones JPEG's Y channel uses, so a PNG
		// and its JPEG re-encoding see the same brightness.
		return 0.299*float64(r) + 0.587*float64(g) + 0.114*float64(b)
	}
}

// Distance is the number of differing bits: 0 for the same picture, a
// few for a re-encoded or resized copy, about 32 for unrelated pictures.
func Distance(a, b Hash) int { return bits.OnesCount64(uint64(a ^ b)) }

// String is the hash as 16 hex digits, the form stored in the database.
func (h Hash) String() string { return fmt.Sprintf("%016x", uint64(h)) }

// Parse reads a hash written by String.
func Parse(s string) (Hash, error) {
	v, err := strconv.ParseUint(s, 16, 64)
	if err != nil || len(s) != 16 {
		return 0, fmt.Errorf("imagehash: bad hash %q", s)
	}
	return Hash(v), nil
}
