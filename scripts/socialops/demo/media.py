"""Small, real demo media: product images drawn with Pillow, short H.264 clips encoded with PyAV."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

COLOURS = {"Aura": ((32, 46, 84), (236, 178, 92)), "Drift": ((20, 74, 70), (240, 232, 210)),
           "Halo": ((70, 30, 40), (250, 210, 190)), "brand": ((18, 18, 24), (255, 196, 80))}


def product_image(product: str, size: tuple[int, int], label: str | None = None) -> Image.Image:
    """A clean 'product shot': a gradient, the product's silhouette and its name."""
    width, height = size
    dark, light = COLOURS[product]
    image = Image.new("RGB", size, dark)
    draw = ImageDraw.Draw(image)
    for y in range(height):  # vertical gradient, dark to a lifted tone
        mix = y / max(height - 1, 1) * 0.35
        draw.line([(0, y), (width, y)], fill=tuple(int(d + (lt - d) * mix) for d, lt in zip(dark, light, strict=True)))
    unit = min(width, height)
    cx, cy = width // 2, int(height * 0.45)
    if product == "Drift":
        draw.rounded_rectangle([cx - unit * 0.32, cy - unit * 0.16, cx + unit * 0.32, cy + unit * 0.16],
                               radius=int(unit * 0.12), fill=light)
        for offset in (-0.16, 0.16):
            r = unit * 0.09
            draw.ellipse([cx + unit * offset - r, cy - r, cx + unit * offset + r, cy + r], fill=dark)
    elif product == "Halo":
        r = unit * 0.26
        draw.arc([cx - r, cy - r * 1.1, cx + r, cy + r * 0.9], start=180, end=360, fill=light, width=int(unit * 0.05))
        for side in (-1, 1):
            draw.rounded_rectangle([cx + side * r - unit * 0.07, cy - unit * 0.06, cx + side * r + unit * 0.07,
                                    cy + unit * 0.16], radius=int(unit * 0.05), fill=light)
    else:  # Aura earbuds, or the brand mark
        for side in (-1, 1):
            r = unit * 0.1
            x = cx + side * unit * 0.14
            draw.ellipse([x - r, cy - r, x + r, cy + r], fill=light)
            draw.rounded_rectangle([x - r * 0.3, cy, x + r * 0.3, cy + r * 2.2], radius=int(r * 0.3), fill=light)
    font = ImageFont.load_default(size=max(int(unit * 0.07), 12))
    text = label or f"Lanterna {product}"
    box = draw.textbbox((0, 0), text, font=font)
    draw.text(((width - (box[2] - box[0])) / 2, height * 0.78), text, font=font, fill=light)
    return image


def write_image(path: Path, product: str, size: tuple[int, int]) -> None:
    from .. import atomic

    image = product_image(product, size)
    with atomic.replacing(path, force=True) as temp:  # the format by the final name: the temporary one has none
        if path.suffix == ".png":
            image.save(temp, format="PNG", optimize=True)
        else:
            image.save(temp, format="JPEG", quality=82, optimize=True, progressive=False)


def write_video(path: Path, product: str, size: tuple[int, int], seconds: float = 4, fps: int = 30) -> None:
    """A short H.264/AAC-free MP4: the product image with a slow zoom."""
    import av  # imported late: only the demo generator and the media rules need it

    from .. import atomic

    still = product_image(product, (size[0] * 5 // 4, size[1] * 5 // 4))
    with atomic.replacing(path, force=True) as temp, av.open(str(temp), "w", format="mp4") as container:
        stream = container.add_stream("libx264", rate=fps, options={"crf": "32", "preset": "veryfast", "threads": "1"})
        stream.width, stream.height, stream.pix_fmt = size[0], size[1], "yuv420p"
        frames = max(1, int(seconds * fps))
        for index in range(frames):
            zoom = 1 + 0.2 * index / frames
            w, h = int(still.width / zoom), int(still.height / zoom)
            left, top = (still.width - w) // 2, (still.height - h) // 2
            frame = av.VideoFrame.from_image(still.crop((left, top, left + w, top + h)).resize(size))
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
