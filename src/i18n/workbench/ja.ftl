# 設計者のワークベンチ：日本語。です・ます調。

## ページ

wb-title = 設計者のワークベンチ · Northwind Learning
wb-nav = 学習プラットフォーム
wb-my-courses = マイコース
wb-heading = 設計者のワークベンチ
wb-intro = プログラムはフォームでもテキストでも編集できます。チェックとプレビューはすぐに反映されます。ここではサーバーに何も保存されません。完成したらパッケージをダウンロードしてください。
wb-program = プログラム
wb-views = プログラムの編集方法
wb-tab-form = フォーム
wb-tab-text = テキスト
wb-editor-label = プログラムファイル（TOML または JSON）
wb-undo = 元に戻す
wb-redo = やり直す
wb-check = チェック
wb-checking = チェックしています…
wb-packages = パッケージ
wb-download-cmi5 = cmi5 パッケージをダウンロード
wb-download-xapi = xAPI パッケージをダウンロード
wb-download-npm = npm パッケージをダウンロード
wb-download-embed = 埋め込み用フォルダーをダウンロード
wb-show-snippet = 埋め込みコードを表示
wb-snippet = 埋め込みコード
wb-csp = ホストページに必要な Content-Security-Policy
wb-copy-snippet = コードをコピー
wb-copy-csp = CSP をコピー
wb-preview = プレビュー
wb-preview-role = プレビューする役割
wb-preview-week = プレビューの週
wb-restart = プレビューを最初からやり直す
wb-preview-help = プレビューは役割ごとに別の受講者として、このブラウザーに保存されます。受講者と同じように選んで取り組みを決め、週を動かすと後の予定を確認できます。第 1 週が今日です。
wb-loading-widget = ウィジェットを読み込んでいます…
wb-connections = この役割とほかの役割のつながり
wb-bundle-failed = ウィジェットのバンドルを読み込めなかったため、ここではチェックできません。パッケージのダウンロードは可能です。
wb-bundle-failed-preview = ウィジェットのバンドルを読み込めませんでした：{ $reason }

## チェック

wb-no-problems = 問題は見つかりませんでした
wb-problems = { $count ->
   *[other] { $count } 件の問題が見つかりました。選ぶとエディターの該当箇所に移動します。
}
wb-check-failed = チェックに失敗しました：{ $reason }
wb-fix-first = プレビューを見るには問題を修正してください
wb-no-connections = この役割に関わるペアや観察はありません。
wb-week = 第 { $week } 週、{ $date }

## パッケージ

wb-building = { $kind } パッケージを作成しています…
wb-downloaded = { $name } をダウンロードしました。
wb-download-failed = パッケージをダウンロードできませんでした：{ $reason }
wb-refused-problems = { $count ->
   *[other] プログラムに { $count } 件の問題があります。先に修正してください：{ $problems }
}
wb-too-large = プログラムファイルが大きすぎます（最大 1 MiB）。
wb-server-answered = サーバーの応答：{ $status }
wb-building-snippet = 埋め込みコードを作成しています…
wb-snippet-shown = 埋め込みコードを下に表示しました。
wb-snippet-failed = 埋め込みコードを作成できませんでした：{ $reason }
wb-copied = { $what }をコピーしました。
wb-selected = { $what }を選択しました。キーボードでコピーしてください。
wb-what-snippet = 埋め込みコード
wb-what-csp = CSP

## フォーム

wb-form-help = 変更はすぐにプログラムファイルに書き込まれ、コメントはそのまま残ります。「元に戻す」で、フォームでもテキストでも取り消せます。
wb-form-unavailable = このファイルはフォームで表示できません：{ $reason }
wb-add = 「{ $section }」に追加
wb-remove = { $name } を削除
wb-item = { $section } { $number }
wb-yes = はい
wb-no = いいえ
wb-list-help = 項目はカンマで区切ってください。
section-program = プログラム
section-self_check = 自己チェック
section-adoption = 定着
section-cadence = リズム
section-glossary = 用語集
section-roles = 役割
section-roles-commitments = 提案する取り組み
section-behaviours = 行動
section-schedule = スケジュール
section-pairs = ペア
section-observations = 観察
field-id = ID
field-title = タイトル
field-locale = 言語
field-description = 説明
field-question = 質問
field-scale = 尺度（低い順）
field-at_least = 定着とみなすレベル（以上）
field-consecutive = 連続する自己チェックの回数
field-max_shift_days = 受講者が振り返りを移動できる日数
field-weekdays = 受講者が選べる曜日
field-max_pause_days = 最長の休止日数
field-term = 用語
field-definition = 定義
field-aliases = 用語の別の形
field-label = 受講者に表示する名前
field-lms_roles = この役割を示す LMS のロール
field-leads = チームを率いる
field-behaviour = 行動の ID
field-text = 取り組みの文
field-roles = 役割の ID
field-terms = 用語集の用語
field-day = コース後の日数
field-prompt = 振り返りの問い
field-self_check = 自己チェックを求める
field-behaviours = 行動の ID
field-about = 観察される役割
field-by = 観察する役割
field-days = 尋ねる日
field-min_raters = 表示までに必要な最少評価者数
