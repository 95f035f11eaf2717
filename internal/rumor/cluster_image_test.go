package rumor_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
	"time"

	"qinglang/internal/blob"
	"qinglang/internal/evidence"
	"qinglang/internal/report"
	"qinglang/internal/rumor"
	"qinglang/internal/store"
	"qinglang/internal/store/storetest"
)

// screenshot draws a picture with structure, as a screenshot has.
func screenshot(shift int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 320, 240))
	for y := 0; y < 240; y++ {
		for x := 0; x < 320; x++ {
			v := uint8((x*7 + y*3 + shift) % 256)
			if (x/40+y/30)%2 == 0 {
				v = 255 - v
			}
			img.Set(x, y, color.RGBA{v, v / 2, 255 - v, 255})
		}
	}
	return img
}

// The same screenshot, once as PNG and once re-encoded as a lossy JPEG,
// brings two otherwise different reports into one cluster.
func TestSameImageJoinsCluster(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newCenter(t, db)
		store, err := blob.NewLocal(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		in := &evidence.Ingester{Store: store, TempDir: t.TempDir(), MaxBytes: 1 << 20}
		var pngBuf, jpgBuf, otherBuf bytes.Buffer
		png.Encode(&pngBuf, screenshot(0))
		jpeg.Encode(&jpgBuf, screenshot(0), &jpeg.Options{Quality: 40})
		png.Encode(&otherBuf, image.NewGray(image.Rect(0, 0, 50, 50)))
		for i, data := range [][]byte{pngBuf.Bytes(), jpgBuf.Bytes(), otherBuf.Bytes()} {
			meta, err := in.Ingest(ctx, bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			texts := []string{"这个账号发布赌博网站广告，截图为证", "截图里的页面是诈骗链接，请处理", "另一个完全无关的举报内容说明"}
			if _, err := c.reports.Submit(ctx, report.Submission{Category: "other", Content: texts[i],
				Uploads: []report.Upload{{Meta: meta, Name: "shot"}}, Reporter: report.Reporter{Anonymous: true}}, "web"); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := (&rumor.Clusterer{DB: db}).Once(ctx, time.Now()); err != nil {
			t.Fatal(err)
		}
		var clusters int
		var reason string
		db.Read().QueryRow(`SELECT count(DISTINCT cluster_id) FROM cluster_members`).Scan(&clusters)
		db.Read().QueryRow(`SELECT reason FROM cluster_members WHERE subject_id = 2`).Scan(&reason)
		if clusters != 2 || reason != "image" {
			t.Fatalf("%d clusters, second report joined by %q; want 2 clusters and image", clusters, reason)
		}
	})
}
