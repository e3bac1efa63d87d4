;;; eglot-e2e.el --- copydesk under Eglot, headless  -*- lexical-binding: t -*-

;; Runs the Eglot setup from editors/README.md, as written, in a real Emacs
;; against a built copydesk binary, and checks that Flymake ends up with
;; exactly the findings `copydesk check --format json' reports (rule, message,
;; severity, span).
;;
;;   COPYDESK_BIN=target/release/copydesk \
;;     emacs --batch -q -l editors/emacs/test/eglot-e2e.el DRAFT.md
;;
;; Eglot 1.9 (Debian's elpa-eglot, Emacs 28) or newer. Exits 0 on success.

(require 'package)
(package-initialize)                    ; Debian's elpa-* packages
(require 'cl-lib)
(require 'json)
(require 'eglot)
(require 'flymake)

(defvar copydesk-e2e-timeout 30)

(defun copydesk-e2e-say (fmt &rest args)
  (princ (concat "[eglot] " (apply #'format fmt args) "\n")))

(defun copydesk-e2e-fail (fmt &rest args)
  (copydesk-e2e-say "FAIL: %s" (apply #'format fmt args))
  (kill-emacs 1))

;; A relative COPYDESK_BIN is relative to where Emacs was started:
;; `call-process' would look for it along `exec-path' instead.
(let* ((bin (expand-file-name
             (or (getenv "COPYDESK_BIN") (copydesk-e2e-fail "COPYDESK_BIN is not set"))))
       (draft-src (or (car command-line-args-left) (copydesk-e2e-fail "usage: … DRAFT.md")))
       (dir (make-temp-file "copydesk-eglot-" t))
       (draft (expand-file-name (file-name-nondirectory draft-src) dir)))
  (setq command-line-args-left nil)
  (copy-file draft-src draft)
  ;; The binary under test as `copydesk' on the exec path, so the setup
  ;; below is the README's, word for word.
  (unless (string= (file-name-nondirectory bin) "copydesk")
    (copydesk-e2e-fail "COPYDESK_BIN must be named copydesk: %s" bin))
  (push (file-name-directory bin) exec-path)
  (copydesk-e2e-say "Emacs %s, Eglot %s, server %s" emacs-version
                    (or (bound-and-true-p eglot-version)
                        (let ((d (cadr (assq 'eglot package-alist))))
                          (and d (package-version-join (package-desc-version d))))
                        "?")
                    bin)

  ;; No markdown-mode here; a stand-in so that the language id is "markdown".
  (unless (fboundp 'markdown-mode)
    (define-derived-mode markdown-mode text-mode "Markdown")
    (add-to-list 'auto-mode-alist '("\\.md\\'" . markdown-mode)))

  ;; ---- the setup from editors/README.md ----
  (with-eval-after-load 'eglot
    (add-to-list 'eglot-server-programs
                 '((markdown-mode gfm-mode text-mode) . ("copydesk" "lsp"))))
  (add-hook 'markdown-mode-hook #'eglot-ensure)
  (add-hook 'text-mode-hook #'eglot-ensure)
  ;; ------------------------------------------

  ;; What `copydesk check' reports, as Flymake would show it.
  (let* ((json (with-temp-buffer
                 (let ((status (call-process bin nil t nil "check" "--format" "json" draft)))
                   (unless (memq status '(0 1))
                     (copydesk-e2e-fail "copydesk check exited %s: %s" status (buffer-string))))
                 (goto-char (point-min))
                 (json-parse-buffer :object-type 'alist :array-type 'list)))
         (buf (find-file-noselect draft))
         (expected
          (with-current-buffer buf
            (mapcar (lambda (f)
                      (let-alist f
                        (list (byte-to-position (1+ .start.offset))
                              (byte-to-position (1+ .end.offset))
                              (if (member .severity '("error")) 'eglot-error
                                (if (member .severity '("warning")) 'eglot-warning 'eglot-note))
                              (format "copydesk [%s]: %s" .rule .message))))
                    json)))
         (key (lambda (d) (format "%S" d)))
         (want (sort (mapcar key expected) #'string<))
         got)
    (when (null expected)
      (copydesk-e2e-fail "copydesk check reports nothing for %s; pick a draft with findings" draft-src))
    (with-current-buffer buf
      (copydesk-e2e-say "opened %s in %s" (file-name-nondirectory draft) major-mode)
      ;; `eglot-ensure' connects from `post-command-hook', i.e. when the
      ;; command that opened the file returns; batch mode has no command
      ;; loop, so end the "command" here.
      (run-hooks 'post-command-hook)
      (let ((deadline (+ (float-time) copydesk-e2e-timeout)))
        (while (and (< (float-time) deadline)
                    (not (equal want got)))
          (accept-process-output nil 0.1)
          (when (and (bound-and-true-p flymake-mode) (not (flymake-running-backends)))
            (flymake-start))
          (setq got (sort (mapcar (lambda (d)
                                    (funcall key (list (flymake-diagnostic-beg d)
                                                       (flymake-diagnostic-end d)
                                                       (flymake-diagnostic-type d)
                                                       (flymake-diagnostic-text d))))
                                  (flymake-diagnostics))
                          #'string<))))
      (unless (eglot-current-server)
        (copydesk-e2e-fail "Eglot did not start a server for the draft"))
      (copydesk-e2e-say "server: %S" (eglot--server-info (eglot-current-server)))
      (unless (equal want got)
        (dolist (k want) (unless (member k got) (copydesk-e2e-say "  missing:    %s" k)))
        (dolist (k got) (unless (member k want) (copydesk-e2e-say "  unexpected: %s" k)))
        (copydesk-e2e-fail "Flymake holds %d copydesk diagnostic(s), copydesk check reports %d"
                           (length got) (length want)))
      (copydesk-e2e-say "ok: Flymake holds the %d diagnostic(s) copydesk check reports" (length want))
      (dolist (d expected)
        (copydesk-e2e-say "  %d:%d %s" (line-number-at-pos (nth 0 d))
                          (save-excursion (goto-char (nth 0 d)) (current-column))
                          (nth 3 d)))
      (let ((server (eglot-current-server)))
        (ignore-errors (eglot-shutdown server))))
    (delete-directory dir t)
    (copydesk-e2e-say "PASS")
    (kill-emacs 0)))
