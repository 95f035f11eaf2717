package textsim

import (
	"math/rand/v2"
	"testing"
)

func BenchmarkNormalize(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	s := "网传！" + randomHan(r, 300) + " https://t.cn/abc 😱 @某人 " + randomHan(r, 100)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		Normalize(s)
	}
}
