"""The demo company's copy, per language: everyday posts and campaign posts.

Lanterna Audio is a fictional audio brand from Shenzhen selling in the US, the UK,
Germany, Japan, Brazil and the UAE. `{product}`, `{feature}` and `{link}` are filled in
by the generator; every text stays within the strictest limit of its platform.
"""

from __future__ import annotations

PRODUCTS = {
    "Aura": {"en": "noise cancelling that adapts to the room you are in", "de": "Geräuschunterdrückung, die sich dem Raum anpasst",
             "ja": "周囲に合わせて変わるノイズキャンセリング", "pt": "cancelamento de ruído que se adapta ao ambiente",
             "ar": "عزل ضوضاء يتكيف مع المكان"},
    "Drift": {"en": "20 hours of sound and a shell that shrugs off rain", "de": "20 Stunden Musik und ein Gehäuse, dem Regen nichts ausmacht",
              "ja": "20時間再生と雨に強いボディ", "pt": "20 horas de som e resistência à chuva",
              "ar": "٢٠ ساعة تشغيل وهيكل مقاوم للمطر"},
    "Halo": {"en": "studio-tuned sound in a headphone that weighs 240 g", "de": "Studioklang in einem Kopfhörer mit nur 240 g",
             "ja": "240gの軽さでスタジオ品質のサウンド", "pt": "som de estúdio em um fone de apenas 240 g",
             "ar": "صوت استوديو في سماعة وزنها ٢٤٠ غرامًا"},
}

EVERYDAY = {
    "en-US": [
        "Commute, gym, deadline. Lanterna {product} keeps up: {feature}. {link}",
        "Tip: hold the right earbud for two seconds to switch {product} to transparency mode. Your barista will thank you.",
        "We asked 1,200 listeners what they want from their headphones. Top answer: comfort for a full workday. Here is how we built {product} around it. {link}",
        "Weekend plan: one playlist, one {product}, zero notifications. What is on your queue?",
        "Behind the scenes: every {product} is tuned by ear in our Shenzhen lab before it ships. Meet the team. {link}",
        "{product} firmware 2.4 is out: better call quality in wind and a new low-latency game mode. Update in the Lanterna app.",
        "Recycled aluminium, plastic-free box, repairable hinge. Small steps, and we publish every one. {link}",
        "Reply with the song that got you through this week. We will build a community playlist from your picks.",
        "Rain check? Not with Lanterna {product}: {feature}.",
        "Customer story: Maya runs a food truck in Austin and wears {product} through the lunch rush. {link}",
        "Your ears are unique, so our fit test is too. Find the right tips for {product} in 30 seconds. {link}",
        "Quiet Sunday, loud music. Lanterna {product}.",
    ],
    "en-GB": [
        "Lanterna Audio is hiring in London: a partnerships manager to bring {product} to more UK retailers. {link}",
        "What we learned shipping 100,000 units of Lanterna {product} from Shenzhen to Europe: three lessons on logistics, repair and returns. {link}",
        "Our repair programme now covers every {product} sold in the UK. Five-year parts availability, published prices. {link}",
        "Proud to join the UK Circular Electronics Pledge. Here is what it means for how we design {product}. {link}",
        "Meet the team: our London customer care crew answered 9 in 10 enquiries within four hours in October. {link}",
        "From prototype to shelf in 14 months: the engineering story of Lanterna {product}. {link}",
        "Thank you to our retail partners across the UK for a record autumn quarter.",
        "Retailers: the Lanterna {product} demo kit is now available for stores across the UK and Ireland. {link}",
    ],
    "de-DE": [
        "Pendeln, Sport, Deadline: Lanterna {product} macht alles mit. {feature}. {link}",
        "Tipp: Halte den rechten Ohrhörer zwei Sekunden gedrückt, um {product} in den Transparenzmodus zu schalten.",
        "Recyceltes Aluminium, plastikfreie Verpackung, reparierbares Scharnier. Kleine Schritte, die wir alle offenlegen. {link}",
        "Sonntag, Regen, eine gute Playlist. Was läuft bei euch gerade? #LanternaAudio",
        "Hinter den Kulissen: Jeder {product} wird in unserem Labor in Shenzhen von Hand abgestimmt. {link}",
        "Firmware 2.4 für {product} ist da: bessere Sprachqualität bei Wind und ein neuer Spielemodus.",
        "Eure Ohren sind einzigartig, unser Passform-Test auch. In 30 Sekunden die richtigen Aufsätze für {product} finden. {link}",
        "Kundengeschichte: Jonas fährt jeden Tag 40 km mit dem Rad zur Arbeit, mit {product} im Ohr. {link}",
        "Fünf Jahre Ersatzteile und faire Reparaturpreise für {product}. Versprochen und veröffentlicht. {link}",
        "Welcher Song hat euch durch diese Woche gebracht? Wir machen daraus eine Community-Playlist.",
    ],
    "ja-JP": [
        "通勤もジムも、Lanterna {product}におまかせ。{feature}。{link}",
        "ヒント：右イヤホンを2秒長押しで{product}が外音取り込みモードに切り替わります。",
        "週末はお気に入りのプレイリストと{product}で。今なにを聴いていますか？",
        "{product}のファームウェア2.4を配信しました。風の中でも通話がクリアに。アプリから更新できます。",
        "深圳のラボで、すべての{product}を耳で調整してから出荷しています。{link}",
        "再生アルミと脱プラスチック包装。小さな一歩を、すべて公開しています。{link}",
        "雨の日も安心。Lanterna {product}は{feature}。",
        "あなたの今週のテーマソングを教えてください。みんなで共有プレイリストを作ります。",
    ],
    "pt-BR": [
        "Ônibus, academia, prazo apertado. O Lanterna {product} acompanha você: {feature}. {link}",
        "Dica rápida: segure o fone direito por dois segundos para ativar o modo ambiente do {product}.",
        "Qual música salvou a sua semana? Responde aqui que a gente monta uma playlist da comunidade.",
        "Bastidores: cada {product} é ajustado no ouvido no nosso laboratório em Shenzhen antes de chegar até você.",
        "Chuva em São Paulo? O {product} nem liga: {feature}.",
        "Alumínio reciclado e caixa sem plástico. Pequenos passos, todos publicados. {link}",
        "Teste de encaixe em 30 segundos: descubra as ponteiras certas para o seu {product}. {link}",
        "Domingo, fone no ouvido e zero notificações. Quem mais?",
    ],
    "ar-AE": [
        "لانتيرنا {product}: {feature}. شاهدوا المراجعة الكاملة. {link}",
        "كيف نضبط كل {product} يدويًا في مختبرنا قبل الشحن. جولة خلف الكواليس. {link}",
        "خمس نصائح لتحصلوا على أفضل صوت من {product} في السيارة والمكتب. {link}",
        "تحديث البرنامج ٢٫٤ لسماعات {product}: مكالمات أوضح ووضع ألعاب جديد. {link}",
        "أسئلتكم عن {product} وإجاباتنا: البطارية، المقاس، والضمان. {link}",
    ],
}

# The theme of each everyday line above, in the same order (policy 4.1.2: themes fit the
# brand and its products; policy.yaml lists them under post-theme).
THEMES = ["product", "tips", "community", "sustainability", "behind-the-scenes", "company", "promotion"]
EVERYDAY_THEMES = {
    "en-US": ["product", "tips", "product", "community", "behind-the-scenes", "product", "sustainability", "community",
              "product", "community", "tips", "product"],
    "en-GB": ["company", "behind-the-scenes", "sustainability", "sustainability", "company", "behind-the-scenes",
              "company", "company"],
    "de-DE": ["product", "tips", "sustainability", "community", "behind-the-scenes", "product", "tips", "community",
              "sustainability", "community"],
    "ja-JP": ["product", "tips", "community", "product", "behind-the-scenes", "sustainability", "product", "community"],
    "pt-BR": ["product", "tips", "community", "behind-the-scenes", "product", "sustainability", "tips", "community"],
    "ar-AE": ["product", "behind-the-scenes", "tips", "product", "community"],
}
CAMPAIGN_THEMES = {"halloween-giveaway-2026": "promotion", "halo-launch-2026": "product", "holiday-qa-2026": "community"}

YOUTUBE_TITLES = {
    "ar-AE": ["مراجعة لانتيرنا {product}", "خلف الكواليس: ضبط {product}", "نصائح لاستخدام {product}",
              "تحديث ٢٫٤ لسماعات {product}", "أسئلة وأجوبة عن {product}"],
}

CAMPAIGN_COPY = {
    "halloween-giveaway-2026": {
        "en-US": [
            "GIVEAWAY: win one of 10 Lanterna Drift speakers for your Halloween party. Follow us and comment with your costume idea. "
            "NO PURCHASE NECESSARY. US 18+. Ends Oct 31, 11:59 PM ET. Rules: {link}",
            "Three days left to enter our Halloween giveaway: 10 Lanterna Drift speakers. No purchase necessary. Rules: {link}",
            "Spooky playlists need loud speakers. Our Halloween giveaway is open: 10 Lanterna Drift to win. No purchase necessary. {link}",
            "Last call! The Lanterna Halloween giveaway closes tonight at 11:59 PM ET. No purchase necessary. Rules: {link}",
            "Congratulations to our 10 Halloween giveaway winners! We have sent you a DM from this account only. Winners list: {link}",
        ],
    },
    "halo-launch-2026": {
        "en-US": [
            "Meet Lanterna Halo: studio-tuned sound in a headphone that weighs 240 g. Available now. {link}",
            "Halo week, day 2: the hinge. Three years of prototypes to fold flat and never creak. {link}",
            "Halo owners, how is the battery treating you? Ours says 38 hours and counting.",
            "Lanterna Halo comes in Sand, Ink and Ember. Which one is yours? {link}",
            "Gift idea: Lanterna Halo ships in a plastic-free box that is ready to wrap. {link}",
        ],
        "en-GB": [
            "Today we launch Lanterna Halo in the UK: 240 g, 38-hour battery, five-year parts availability. {link}",
            "Lanterna Halo is now stocked by 120 UK retailers. Thank you to our partners for a smooth launch. {link}",
        ],
        "de-DE": [
            "Das ist Lanterna Halo: Studioklang in einem Kopfhörer mit nur 240 g. Ab heute erhältlich. {link}",
            "Halo in Sand, Ink oder Ember: Welche Farbe passt zu euch? {link}",
            "Geschenkidee: Lanterna Halo kommt in einer plastikfreien Verpackung. {link}",
        ],
        "ja-JP": [
            "Lanterna Halo、本日発売。240gの軽さでスタジオ品質のサウンド。{link}",
            "Halo開発ストーリー：折りたたみヒンジに3年をかけました。{link}",
            "Haloの3色、Sand・Ink・Ember。あなたはどれを選びますか？",
            "ホリデーギフトに、Lanterna Halo。{link}",
        ],
        "pt-BR": [
            "Chegou o Lanterna Halo: som de estúdio em um fone de apenas 240 g. {link}",
            "Unboxing do Lanterna Halo em 30 segundos. Qual cor você escolheria?",
            "Halo com 38 horas de bateria: dá para ir de São Paulo ao Rio e voltar ouvindo música.",
        ],
        "ar-AE": [
            "لانتيرنا هالو وصلت الإمارات: صوت استوديو بوزن ٢٤٠ غرامًا. {link}",
            "تجربة هالو في دبي مول: شاهدوا ردود فعل الزوار. {link}",
        ],
    },
    "holiday-qa-2026": {
        "de-DE": [
            "Live-Fragerunde am Donnerstag um 18 Uhr: Unser Akustik-Team beantwortet eure Fragen zu Halo und Aura. Stellt sie jetzt in den Kommentaren!",
            "Danke für über 300 Fragen! Die Antworten aus unserer Fragerunde gibt es hier zum Nachlesen. {link}",
        ],
        "en-GB": [
            "Ask our acoustic engineers anything: live Q&A on Thursday at 5 pm GMT. Drop your questions in the comments.",
            "Thank you for joining our Q&A. The recording and a summary of the answers are here. {link}",
        ],
    },
}

# The label a paid post starts with where the market asks for one (boost-disclosure).
AD_LABELS = {"de-DE": "Anzeige | "}
# The warning the BR team published during the phishing incident of October 14.
WARNING_COPY = {
    "pt-BR": ("Atenção: perfis falsos estão usando o nome da Lanterna Brasil e enviando mensagens sobre "
              "prêmios. Nós nunca pedimos dinheiro, Pix ou senha, e só falamos com você por esta conta "
              "oficial. Denuncie e bloqueie esses perfis."),
}

PARTNER_COPY = {
    "en-US": ("#ad Our friends at Trailhead Coffee Co. built a brew-along playlist for Lanterna Drift. "
              "Try it on your next camping trip. {link}"),
    "de-DE": ("Werbung | Gemeinsam mit dem Radsportverein Köln-Süd testen wir Lanterna Aura auf 200 km. "
              "Der Bericht folgt nächste Woche. {link}"),
}

WAIVED_COPY = {
    "ja-JP": "今夜23時30分から、Haloホリデー特別ライブ配信！深圳のラボから開発チームが生出演します。{link}",
}
